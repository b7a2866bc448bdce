/**
 * `pnpm bench`: runs the five benchmark sections and returns everything BENCHMARKS.md and
 * bench-results.json are made of. Each section is also exported for the harness's own test.
 */
import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { AWS_PRESETS, runAws, type AwsRaw } from "./aws.js";
import { runBundle, type BundleRaw } from "./bundle.js";
import { environment, findRepoRoot, installedVersion, type Mode, type Row, type SectionResult } from "./common.js";
import { PER_CALL_PRESETS, runPerCall, type PerCallRaw } from "./percall.js";
import { PIPELINE_PRESETS, runPipeline, type PipelineOptions, type PipelineRaw } from "./pipeline.js";
import { renderMarkdown, SECTION_ORDER, type ReportInput } from "./report.js";
import { runTypecheck, TYPECHECK_PRESETS, type TypecheckRaw } from "./typecheck.js";

export * from "./common.js";
export { runAws, AWS_PRESETS, stubbedClients, startCannedServer, type AwsOptions, type AwsRaw } from "./aws.js";
export { runBundle, measureConsumer, CONSUMERS, type BundleRaw, type BundleSize } from "./bundle.js";
export { callSet, documented, verify, CLIENT_IDS, type ClientId } from "./fixtures.js";
export { runPerCall, PER_CALL_PRESETS, type PerCallOptions, type PerCallRaw } from "./percall.js";
export { runPipeline, makeWorkspace, PIPELINE_PRESETS, type PipelineOptions, type PipelineRaw } from "./pipeline.js";
export { profileCalls, classify, type ProfileResult } from "./profile.js";
export { renderMarkdown, type ReportInput } from "./report.js";
export { writeSynthSpec, synthId } from "./synth.js";
export { runTypecheck, writeFixtures, TYPECHECK_PRESETS, type TypecheckRaw } from "./typecheck.js";

export type Section = Row["section"];
export const SECTIONS: readonly Section[] = SECTION_ORDER;

/** Wall-clock budget of a whole run; the pipeline's scale steps are skipped when they would overrun it. */
export const BUDGET_MS: Record<Mode, number> = { full: 540_000, quick: 110_000, tiny: Number.POSITIVE_INFINITY };

export interface BenchOptions {
  mode: Mode;
  only?: readonly Section[];
  root?: string;
  pipelineSource?: PipelineOptions["source"];
  /** Override the pipeline's scale steps (e.g. [1] in the harness test). */
  scale?: number[];
  /** Override whether the pipeline measures the cold/cached/touched `pnpm build`. */
  pipelineBuild?: boolean;
  keepWorkspace?: boolean;
  log?: (line: string) => void;
  command?: string;
}

export interface BenchResults extends ReportInput {
  schema: 1;
  raw: { perCall?: PerCallRaw; aws?: AwsRaw; bundle?: BundleRaw; pipeline?: PipelineRaw; typecheck?: TypecheckRaw };
}

export async function runBench(o: BenchOptions): Promise<BenchResults> {
  const root = o.root ?? findRepoRoot();
  const log = o.log ?? (() => {});
  const started = Date.now();
  const env = environment(root);
  const versions: Record<string, string> = {};
  for (const name of [
    "tinybench",
    "esbuild",
    "typescript",
    "openapi-fetch",
    "@aws-sdk/client-qbusiness",
    "@smithy/node-http-handler",
    "@smithy/protocol-http",
  ]) {
    versions[name] = installedVersion(name);
  }
  const results: BenchResults = {
    schema: 1,
    mode: o.mode,
    command: o.command ?? `pnpm bench${o.mode === "quick" ? " --quick" : ""}`,
    startedAt: new Date(started).toISOString(),
    durationMs: 0,
    env,
    loadAverageEnd: [],
    versions,
    rows: [],
    notes: {},
    errors: {},
    raw: {},
  };
  const want = (s: Section) => !o.only || o.only.includes(s);
  const section = async <R>(name: Section, key: keyof BenchResults["raw"], fn: () => Promise<SectionResult<R>>) => {
    if (!want(name)) return;
    const t0 = Date.now();
    log(`bench: ${name}…`);
    try {
      const r = await fn();
      (results.raw as Record<string, unknown>)[key] = r.raw;
      results.rows.push(...r.rows);
      if (r.notes.length) results.notes[name] = r.notes;
    } catch (e) {
      results.errors[name] = e instanceof Error ? (e.stack ?? e.message) : String(e);
      log(`bench: ${name} FAILED: ${results.errors[name]}`);
    }
    log(`bench: ${name} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  };
  // Order: the CPU-sensitive micro-benchmarks first, the heavy pipeline (which can be cut by the budget) last.
  await section("per-call", "perCall", () => runPerCall(PER_CALL_PRESETS[o.mode]));
  await section("aws", "aws", () => runAws(AWS_PRESETS[o.mode], versions["@aws-sdk/client-qbusiness"]!));
  await section("bundle", "bundle", () => runBundle(versions.esbuild!));
  await section("typecheck", "typecheck", () => runTypecheck(TYPECHECK_PRESETS[o.mode], versions.typescript!));
  await section("pipeline", "pipeline", () =>
    runPipeline(root, {
      ...PIPELINE_PRESETS[o.mode],
      ...(o.scale ? { scale: o.scale } : {}),
      ...(o.pipelineBuild !== undefined ? { build: o.pipelineBuild } : {}),
      budgetMs: BUDGET_MS[o.mode],
      startedAt: started,
      source: o.pipelineSource ?? "head",
      keep: o.keepWorkspace ?? false,
      log,
    }),
  );
  results.durationMs = Date.now() - started;
  results.loadAverageEnd = loadavg().map((x) => Math.round(x * 100) / 100);
  return results;
}

export function toReportInput(r: BenchResults): ReportInput {
  return {
    mode: r.mode,
    startedAt: r.startedAt,
    durationMs: r.durationMs,
    env: r.env,
    loadAverageEnd: r.loadAverageEnd,
    versions: r.versions,
    rows: r.rows,
    notes: r.notes,
    errors: r.errors,
    command: r.command,
  };
}

/** Write BENCHMARKS.md and bench-results.json into `dir`; returns their paths. */
export function writeResults(r: BenchResults, dir: string): { markdown: string; json: string } {
  const markdown = join(dir, "BENCHMARKS.md");
  const json = join(dir, "bench-results.json");
  writeFileSync(markdown, renderMarkdown(toReportInput(r)));
  writeFileSync(json, `${JSON.stringify(r, null, 2)}\n`);
  return { markdown, json };
}
