import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { findRoot } from "@subscription-apis/test-kit/workspace";
import { Bench } from "tinybench";

/** How much work each section does: `full` for BENCHMARKS.md, `quick` for CI, `tiny` for the harness's own test. */
export type Mode = "full" | "quick" | "tiny";

/** tools/bench (the package directory), whether running from src/ (vitest) or dist/. */
export const benchDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The workspace root above tools/bench. */
export const findRepoRoot = (from = benchDir) => findRoot(from);

/** One line of the BENCHMARKS.md table. `ratio` is always "ours ÷ alternative" of the figure named in `figure`. */
export interface Row {
  section: "per-call" | "aws" | "bundle" | "typecheck" | "pipeline";
  figure: string;
  ours: string;
  alternative: string;
  ratio: string;
  /** Numeric ratio (ours ÷ alternative), or null where there is no alternative. */
  ratioValue: number | null;
  goal: string;
  /** true/false where the issue sets a goal for this figure; null where it is context only. */
  met: boolean | null;
  how: string;
}

export interface SectionResult<Raw> {
  raw: Raw;
  rows: Row[];
  /** Markdown paragraphs for BENCHMARKS.md: method details and, where a goal is missed, why. */
  notes: string[];
}

export interface Environment {
  node: string;
  v8: string;
  platform: string;
  arch: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  loadAverage: number[];
  commit: string | undefined;
  dirtyWorktree: boolean | undefined;
}

export function environment(root: string): Environment {
  const cpu = cpus();
  let commit: string | undefined;
  let dirty: boolean | undefined;
  try {
    commit = execFileSync("git", ["rev-parse", "HEAD"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    dirty =
      execFileSync("git", ["status", "--porcelain"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim() !== "";
  } catch {
    // not a git checkout (e.g. an unpacked tarball): leave both undefined
  }
  return {
    node: process.version,
    v8: process.versions.v8,
    platform: process.platform,
    arch: process.arch,
    cpu: cpu[0]?.model.trim() ?? "unknown",
    cores: cpu.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
    commit,
    dirtyWorktree: dirty,
  };
}

const requireHere = createRequire(join(benchDir, "package.json"));

/** The installed version of a dependency of tools/bench (read from its package.json). */
export function installedVersion(name: string): string {
  // Walk up from the resolved entry to the package's own package.json (exports may hide ./package.json).
  let dir = dirname(requireHere.resolve(name));
  for (;;) {
    const pj = join(dir, "package.json");
    if (existsSync(pj)) {
      const json = JSON.parse(readFileSync(pj, "utf8")) as { name?: string; version?: string };
      if (json.name === name && json.version) return json.version;
    }
    const up = dirname(dir);
    if (up === dir) return "unknown";
    dir = up;
  }
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx]!;
}

/** 12345.6 -> "12,346" */
export const fmtInt = (n: number) => Math.round(n).toLocaleString("en-US");
export const fmtRatio = (n: number) => (Number.isFinite(n) ? `${n >= 10 ? n.toFixed(1) : n.toFixed(2)}×` : "n/a");
export const fmtKB = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`;
export const fmtSeconds = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(2)} s`);
export const fmtMiB = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
export const fmtUs = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;

export interface TaskStats {
  /** Median throughput (ops/s) of the round. */
  opsMedian: number;
  opsMean: number;
  /** Relative margin of error of the mean latency, percent. */
  rme: number;
  /** Latency percentiles, ms. */
  p50: number;
  p75: number;
  p99: number;
  samples: number;
}

/**
 * Interleaved tinybench rounds: every task once per round, in reverse order on odd rounds (so neither side always
 * runs right after a GC-heavy task); each task's stats per round.
 */
export async function benchRounds<K extends string>(
  tasks: Record<K, () => Promise<unknown>>,
  o: { rounds: number; timeMs: number; warmupMs: number },
): Promise<Record<K, TaskStats>[]> {
  const rounds: Record<K, TaskStats>[] = [];
  for (let r = 0; r < o.rounds; r++) {
    const bench = new Bench({ time: o.timeMs, warmupTime: o.warmupMs, throws: true });
    const entries = Object.entries(tasks) as [K, () => Promise<unknown>][];
    for (const [name, fn] of r % 2 === 1 ? entries.reverse() : entries) bench.add(name, fn);
    await bench.run();
    const by = {} as Record<K, TaskStats>;
    for (const t of bench.tasks) {
      const res = t.result as any;
      if (res.state !== "completed")
        throw new Error(`benchmark task ${t.name} did not complete: ${res.state}${res.error ? `: ${res.error.message}` : ""}`);
      by[t.name as K] = {
        opsMedian: res.throughput.p50,
        opsMean: res.throughput.mean,
        rme: res.latency.rme,
        p50: res.latency.p50,
        p75: res.latency.p75,
        p99: res.latency.p99,
        samples: res.latency.samplesCount,
      };
    }
    rounds.push(by);
  }
  return rounds;
}

/** One task across rounds: medians of its throughput, p99 and margin of error. */
export const acrossRounds = <K extends string>(rounds: readonly Record<K, TaskStats>[], k: K) => ({
  opsMedian: median(rounds.map((x) => x[k].opsMedian)),
  p99: median(rounds.map((x) => x[k].p99)),
  rme: median(rounds.map((x) => x[k].rme)),
});

/** Median, min and max of per-round values. */
export const spread = (xs: number[]) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs) });
