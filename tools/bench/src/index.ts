/**
 * `pnpm bench`: runs the five benchmark sections and returns everything BENCHMARKS.md and bench-results.json are
 * made of. Each section is also exported for the harness's own test.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { AWS_PRESETS, type AwsRaw, runAws } from "./aws.js";
import { type BundleRaw, runBundle } from "./bundle.js";
import { environment, findRepoRoot, installedVersion, loadAverage, type Mode, type Section, type SectionResult } from "./common.js";
import { PER_CALL_PRESETS, type PerCallRaw, runPerCall } from "./percall.js";
import { PIPELINE_PRESETS, type PipelineOptions, type PipelineRaw, runPipeline } from "./pipeline.js";
import { type ReportInput, renderMarkdown } from "./report.js";
import { runTypecheck, TYPECHECK_PRESETS, type TypecheckRaw } from "./typecheck.js";

export * from "./common.js";
export { CONSUMERS, measureConsumer, type BundleRaw, type BundleSize } from "./bundle.js";
export { CLIENT_IDS, callSet, documented, verify, type ClientId } from "./fixtures.js";
export { renderMarkdown, SECTIONS, type ReportInput } from "./report.js";

/** Wall-clock budget of a whole run; the pipeline's scale steps are skipped when they would overrun it. */
export const BUDGET_MS: Record<Mode, number> = { full: 540_000, quick: 110_000, tiny: Number.POSITIVE_INFINITY };
const TOOLS = ["tinybench", "esbuild", "typescript", "openapi-fetch", "@aws-sdk/client-qbusiness", "@smithy/node-http-handler"];

export interface BenchOptions {
  mode: Mode;
  only?: readonly Section[];
  pipelineSource?: PipelineOptions["source"];
  keepWorkspace?: boolean;
  log?: (line: string) => void;
  command?: string;
}

export interface BenchResults extends ReportInput {
  schema: 2;
  raw: { perCall?: PerCallRaw; aws?: AwsRaw; bundle?: BundleRaw; pipeline?: PipelineRaw; typecheck?: TypecheckRaw };
}

export async function runBench(o: BenchOptions): Promise<BenchResults> {
  const root = findRepoRoot();
  const log = o.log ?? (() => {});
  const started = Date.now();
  const versions = Object.fromEntries(TOOLS.map((name) => [name, installedVersion(name)]));
  const results: BenchResults = {
    schema: 2,
    mode: o.mode,
    command: o.command ?? `pnpm bench${o.mode === "quick" ? " --quick" : ""}`,
    startedAt: new Date(started).toISOString(),
    durationMs: 0,
    env: environment(root),
    loadAverageEnd: [],
    versions,
    rows: [],
    notes: {},
    errors: {},
    raw: {},
  };
  const section = async (name: Section, key: keyof BenchResults["raw"], fn: () => Promise<SectionResult<unknown>>) => {
    if (o.only && !o.only.includes(name)) return;
    const t0 = Date.now();
    log(`bench: ${name}…`);
    try {
      const r = await fn();
      Object.assign(results.raw, { [key]: r.raw });
      results.rows.push(...r.rows);
      if (r.notes.length) results.notes[name] = r.notes;
    } catch (e) {
      results.errors[name] = e instanceof Error ? (e.stack ?? e.message) : String(e);
      log(`bench: ${name} FAILED: ${results.errors[name]}`);
    }
    log(`bench: ${name} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  };
  // The CPU-sensitive micro-benchmarks first, the heavy pipeline (which the budget can cut) last.
  await section("per-call", "perCall", () => runPerCall(PER_CALL_PRESETS[o.mode]));
  await section("aws", "aws", () => runAws(AWS_PRESETS[o.mode], versions["@aws-sdk/client-qbusiness"]!));
  await section("bundle", "bundle", () => runBundle(versions.esbuild!));
  await section("typecheck", "typecheck", () => runTypecheck(TYPECHECK_PRESETS[o.mode], versions.typescript!));
  await section("pipeline", "pipeline", () =>
    runPipeline(root, {
      ...PIPELINE_PRESETS[o.mode],
      budgetMs: BUDGET_MS[o.mode],
      startedAt: started,
      source: o.pipelineSource ?? "head",
      keep: o.keepWorkspace ?? false,
      log,
    }),
  );
  results.durationMs = Date.now() - started;
  results.loadAverageEnd = loadAverage();
  return results;
}

/** Write BENCHMARKS.md and bench-results.json into `dir`; returns their paths. */
export function writeResults(r: BenchResults, dir: string): { markdown: string; json: string } {
  const files = { markdown: join(dir, "BENCHMARKS.md"), json: join(dir, "bench-results.json") };
  writeFileSync(files.markdown, renderMarkdown(r));
  writeFileSync(files.json, `${JSON.stringify(r, null, 2)}\n`);
  return files;
}
