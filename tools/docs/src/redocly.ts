import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { type RunResult, run } from "@subscription-apis/test-kit/proc";

const require = createRequire(import.meta.url);

/** The Redocly CLI this package pins (catalog), run with the current node. */
export function redoclyCli(): { bin: string; version: string } {
  const manifestPath = require.resolve("@redocly/cli/package.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { version: string; bin: Record<string, string> };
  return { bin: join(dirname(manifestPath), manifest.bin.redocly as string), version: manifest.version };
}

/** Drops Redocly's boxed "Node.js 20 support is ending" banner from its output. */
export function withoutBanner(text: string): string {
  return text
    .split("\n")
    .filter((line) => !/[║╔╚]/.test(line))
    .join("\n")
    .trim();
}

export function runRedocly(args: string[], cwd: string): Promise<RunResult> {
  return run(process.execPath, [redoclyCli().bin, ...args], { cwd, env: { ...process.env, REDOCLY_TELEMETRY: "off" } });
}

export interface LintStatus {
  /** `passed` (no problems), `warnings` or `errors`. */
  state: "passed" | "warnings" | "errors";
  errors: number;
  warnings: number;
  ignored: number;
  /** The Redocly CLI version that produced the result. */
  version: string;
}

/** `redocly lint <name> --format=json` against the registry's rules, as the `lint` task runs it. */
export async function lintApi(name: string, root: string): Promise<LintStatus> {
  const result = await runRedocly(["lint", name, "--format=json", "--config", join(root, "redocly.yaml")], root);
  let parsed: { totals?: { errors: number; warnings: number; ignored: number }; version?: string };
  try {
    parsed = JSON.parse(result.stdout);
  } catch {
    throw new Error(`redocly lint ${name} printed no JSON (exit ${result.code}):\n${withoutBanner(result.stderr)}`);
  }
  if (!parsed.totals) throw new Error(`redocly lint ${name}: no totals in the JSON result`);
  const { errors, warnings, ignored } = parsed.totals;
  return {
    state: errors > 0 ? "errors" : warnings > 0 ? "warnings" : "passed",
    errors,
    warnings,
    ignored,
    version: parsed.version ?? redoclyCli().version,
  };
}
