/**
 * 5. Type-check cost for consumers: `tsc --noEmit` of a consumer calling every client (and one) vs the same calls
 * through plain openapi-fetch with the same generated `paths` types. Wall time plus tsc's own counters (types,
 * instantiations, memory), which do not depend on machine load.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { benchDir, fmtInt, fmtRatio, fmtSeconds, median, requireHere, type Row, type SectionResult } from "./common.js";
import { CLIENT_IDS, descriptorOf, documented, plainInit } from "./fixtures.js";

export const TYPECHECK_PRESETS = {
  full: { runs: 3, pairs: ["all", "one"] },
  quick: { runs: 1, pairs: ["all", "one"] },
  tiny: { runs: 1, pairs: ["one"] },
} satisfies Record<string, TypecheckOptions>;
export type TypecheckOptions = { runs: number; pairs: readonly ("all" | "one")[] };

/** From `--extendedDiagnostics` (last run), and the median wall time incl. Node start-up. */
export interface TscStats {
  wallMedianMs: number;
  types: number;
  instantiations: number;
  memoryKB: number;
  checkTimeS: number;
}
export interface TypecheckRaw {
  typescript: string;
  pairs: { pair: "all" | "one"; clients: string[]; ours: TscStats; openapiFetch: TscStats }[];
}

const dir = join(benchDir, ".cache", "typecheck");
const TSCONFIG = {
  target: "ES2022",
  lib: ["ES2022", "DOM", "DOM.Iterable"],
  module: "NodeNext",
  moduleResolution: "NodeNext",
  strict: true,
};

/** The two consumers of one pair: each client's cancel call through its factory, and through openapi-fetch; their tsconfigs. */
function writeConsumers(pair: string, clients: readonly string[]): { ours: string; openapiFetch: string } {
  mkdirSync(dir, { recursive: true });
  const ours = clients.map((id, i) => {
    const d = descriptorOf(id);
    const doc = documented(id);
    return [
      `import { ${d.factories.client} } from "${d.packageName}";`,
      `out.push(await ${d.factories.client}(${JSON.stringify(d.fakeOptions("https://example.invalid"))}).${doc.operationId}(${JSON.stringify(doc.input)}).then((r${i}) => (r${i}.error ? [r${i}.error.code, r${i}.error.status] : r${i}.data)));`,
    ];
  });
  const plain = clients.map((id, i) => {
    // The generated openapi-typescript types, as a user of openapi-fetch alone would have them.
    copyFileSync(
      join(dirname(requireHere.resolve(`${descriptorOf(id).packageName}/package.json`)), "dist/generated/schema.d.ts"),
      join(dir, `${id}.d.ts`),
    );
    const doc = documented(id);
    return [
      `import type { paths as P${i} } from "./${id}.js";`,
      `out.push(await createClient<P${i}>({ baseUrl: "https://example.invalid" }).${doc.method.toUpperCase()}(${JSON.stringify(doc.path)}, ${JSON.stringify(plainInit(doc))}).then((r${i}) => r${i}.error ?? r${i}.data));`,
    ];
  });
  const files = { ours: `${pair}-ours`, openapiFetch: `${pair}-openapi-fetch` };
  for (const [k, lines] of [
    ["ours", ours],
    ["openapiFetch", [[`import createClient from "openapi-fetch";`, ""], ...plain]],
  ] as const) {
    const file = files[k as keyof typeof files];
    const source = [...lines.map((l) => l[0]), "export const out: unknown[] = [];", ...lines.map((l) => l[1])].join("\n");
    writeFileSync(join(dir, `${file}.ts`), `${source}\n`);
    const compilerOptions = { ...TSCONFIG, skipLibCheck: true, noEmit: true, types: [] };
    writeFileSync(join(dir, `${file}.tsconfig.json`), JSON.stringify({ compilerOptions, files: [`${file}.ts`] }));
  }
  return { ours: join(dir, `${files.ours}.tsconfig.json`), openapiFetch: join(dir, `${files.openapiFetch}.tsconfig.json`) };
}

function tsc(project: string): { wallMs: number; diag: Record<string, number> } {
  const bin = join(dirname(requireHere.resolve("typescript/package.json")), "bin", "tsc");
  const t0 = performance.now();
  let stdout: string;
  try {
    stdout = execFileSync(process.execPath, [bin, "-p", project, "--extendedDiagnostics"], { encoding: "utf8" });
  } catch (e) {
    throw new Error(`tsc -p ${project} failed:\n${(e as { stdout?: string }).stdout ?? String(e)}`);
  }
  const diag = Object.fromEntries([...stdout.matchAll(/^([A-Za-z][A-Za-z ]+):\s+([\d.]+)/gm)].map((m) => [m[1]!.trim(), Number(m[2])]));
  return { wallMs: performance.now() - t0, diag };
}

export async function runTypecheck(o: TypecheckOptions, typescriptVersion: string): Promise<SectionResult<TypecheckRaw>> {
  rmSync(dir, { recursive: true, force: true });
  const pairs: TypecheckRaw["pairs"] = [];
  const rows: Row[] = [];
  for (const pair of o.pairs) {
    const clients = pair === "all" ? [...CLIENT_IDS] : CLIENT_IDS.slice(0, 1);
    const projects = writeConsumers(pair, clients);
    const runs = { ours: [] as ReturnType<typeof tsc>[], openapiFetch: [] as ReturnType<typeof tsc>[] };
    for (let i = 0; i < o.runs; i++)
      for (const k of i % 2 ? (["openapiFetch", "ours"] as const) : (["ours", "openapiFetch"] as const)) runs[k].push(tsc(projects[k]));
    const stats = (rs: ReturnType<typeof tsc>[]): TscStats => {
      const d = rs[rs.length - 1]!.diag;
      const [types, instantiations, memoryKB, checkTimeS] = [d.Types, d.Instantiations, d["Memory used"], d["Check time"]].map(Number);
      return {
        wallMedianMs: median(rs.map((r) => r.wallMs)),
        types: types!,
        instantiations: instantiations!,
        memoryKB: memoryKB!,
        checkTimeS: checkTimeS!,
      };
    };
    const p = { pair, clients, ours: stats(runs.ours), openapiFetch: stats(runs.openapiFetch) };
    pairs.push(p);
    const show = (s: TscStats) =>
      `${fmtSeconds(s.wallMedianMs)} (check ${s.checkTimeS.toFixed(2)} s; ${fmtInt(s.types)} types, ${fmtInt(s.instantiations)} instantiations, ${fmtInt(s.memoryKB / 1024)} MiB)`;
    const ratio = p.ours.wallMedianMs / p.openapiFetch.wallMedianMs;
    rows.push({
      section: "typecheck",
      figure: `\`tsc --noEmit\` of a consumer: ${pair === "all" ? `all ${clients.length} clients, one call each` : `one client (${clients[0]}), one call`}`,
      ours: show(p.ours),
      alternative: `openapi-fetch alone with the same generated \`paths\` types: ${show(p.openapiFetch)}`,
      ratio: `${fmtRatio(ratio)} wall; ${fmtRatio(p.ours.instantiations / p.openapiFetch.instantiations)} instantiations`,
      ratioValue: ratio,
      goal: "— (context)",
      met: null,
      how: `typescript ${typescriptVersion}, \`tsc -p … --extendedDiagnostics\` (strict, skipLibCheck, NodeNext), ${o.runs} run(s) per side alternating, median wall time incl. Node start-up; consumers generated into tools/bench/.cache/typecheck/`,
    });
  }
  return { raw: { typescript: typescriptVersion, pairs }, rows, notes: [] };
}
