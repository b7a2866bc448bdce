import { relative } from "node:path";
import { pool, run } from "@subscription-apis/test-kit/proc";
import { bin } from "./proc.js";
import { publicPackages } from "./workspace.js";

export interface PackageCheck {
  name: string;
  tool: "publint" | "attw";
  ok: boolean;
  output: string;
  ms: number;
}

/**
 * The package quality gates, per publishable package: `publint --strict` (exports, files, types resolve in the
 * packed tarball) and `attw --pack . --profile esm-only` (types resolve under node16-ESM and bundler; these
 * packages are ESM-only, so CommonJS `require` is out of scope).
 */
export async function checkPackages(root: string, names?: string[]): Promise<PackageCheck[]> {
  const pkgs = (await publicPackages(root)).filter((p) => !names?.length || names.includes(p.name) || names.includes(p.id));
  const jobs = pkgs.flatMap((p) => [
    { p, tool: "publint" as const, cmd: bin("publint"), args: ["--strict"] },
    { p, tool: "attw" as const, cmd: bin("attw"), args: ["--pack", ".", "--profile", "esm-only", "--format", "table-flipped"] },
  ]);
  const env = { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1", npm_config_update_notifier: "false" };
  return pool(jobs, 2, async ({ p, tool, cmd, args }) => {
    const r = await run(cmd, args, { cwd: p.dir, env });
    const output = `${r.stdout}${r.stderr}`.trim();
    // publint --strict exits non-zero on warnings too; a clean run prints "All good!".
    // attw exits 0 for a package without types: ours must ship them.
    const ok = r.code === 0 && (tool === "publint" ? /All good/.test(output) : !/does not contain types/.test(output));
    return { name: p.name, tool, ok, output: `${tool} in ${relative(root, p.dir)}:\n${output}`, ms: r.ms };
  });
}
