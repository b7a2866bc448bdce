import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { findRoot } from "@subscription-apis/test-kit/workspace";
import { Bench } from "tinybench";

/** How much work each section does: `full` for BENCHMARKS.md, `quick` for CI, `tiny` for the harness's own test. */
export type Mode = "full" | "quick" | "tiny";
export type Section = "per-call" | "aws" | "bundle" | "pipeline" | "typecheck";

/** tools/bench (the package directory), whether running from src/ (vitest) or dist/. */
export const benchDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const findRepoRoot = () => findRoot(benchDir);
export const requireHere = createRequire(join(benchDir, "package.json"));

/** One line of the BENCHMARKS.md table. `ratio` is always "ours ÷ alternative" of the figure named in `figure`. */
export interface Row {
  section: Section;
  figure: string;
  ours: string;
  alternative: string;
  ratio: string;
  /** Numeric ratio (ours ÷ alternative), or null where there is no alternative. */
  ratioValue: number | null;
  goal: string;
  /** true/false where an issue sets a goal for this figure; null where it is context only. */
  met: boolean | null;
  how: string;
}

/** A section's raw numbers, its table rows and its Markdown notes (method details; why a goal was missed). */
export interface SectionResult<Raw> {
  raw: Raw;
  rows: Row[];
  notes: string[];
}

const git = (root: string, ...args: string[]) =>
  execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();

/** HEAD of the repository at `root` (undefined outside a git checkout). */
export function headCommit(root: string): string | undefined {
  try {
    return git(root, "rev-parse", "HEAD");
  } catch {
    return undefined;
  }
}

export function environment(root: string) {
  const commit = headCommit(root);
  return {
    node: process.version,
    v8: process.versions.v8,
    platform: `${process.platform}-${process.arch}`,
    cpu: cpus()[0]?.model.trim() ?? "unknown",
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: loadAverage(),
    commit,
    dirtyWorktree: commit ? git(root, "status", "--porcelain") !== "" : undefined,
  };
}
export type Environment = ReturnType<typeof environment>;
export const loadAverage = () => loadavg().map((x) => Math.round(x * 100) / 100);

/** The installed version of a dependency of tools/bench (its package.json, found from the resolved entry upward). */
export function installedVersion(name: string): string {
  const pkg = (dir: string) => {
    try {
      return JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
    } catch {
      return {};
    }
  };
  let dir = dirname(requireHere.resolve(name));
  while (pkg(dir).name !== name && dir !== dirname(dir)) dir = dirname(dir);
  return pkg(dir).version ?? "unknown";
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2;
}
export const fmtInt = (n: number) => Math.round(n).toLocaleString("en-US");
export const fmtRatio = (n: number) => (Number.isFinite(n) ? `${n >= 10 ? n.toFixed(1) : n.toFixed(2)}×` : "n/a");
export const fmtKB = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`;
export const fmtSeconds = (ms: number) => `${(ms / 1000).toFixed(ms >= 10_000 ? 1 : 2)} s`;

/** One task's tinybench figures of one round (or their medians across rounds). */
export interface TaskStats {
  /** Median throughput, calls/s. */
  ops: number;
  /** Relative margin of error of the mean latency, percent. */
  rme: number;
  /** 99th percentile of the latency, ms. */
  p99: number;
}

/**
 * Interleaved tinybench rounds: every task once per round, in reverse order on odd rounds (so neither side always
 * runs right after a GC-heavy task). `time: 0` with `iterations` runs exactly that many calls per task and round.
 * `stats`: each task's figures, median across rounds; `ratio(ours, vs)`: time per call of `ours` ÷ that of `vs`
 * (= vs's calls/s ÷ ours'), median, min and max of the per-round ratios.
 */
export async function compare<K extends string>(
  tasks: Record<K, () => Promise<unknown>>,
  o: { rounds: number; timeMs: number; warmupMs: number; iterations?: number },
): Promise<{ stats: Record<K, TaskStats>; ratio: (ours: K, vs: K) => { median: number; min: number; max: number } }> {
  const rounds: Record<K, TaskStats>[] = [];
  const names = Object.keys(tasks) as K[];
  for (let r = 0; r < o.rounds; r++) {
    const bench = new Bench({ time: o.timeMs, warmupTime: o.warmupMs, throws: true, iterations: o.iterations ?? 64 });
    for (const name of r % 2 ? [...names].reverse() : names) bench.add(name, tasks[name]);
    await bench.run();
    const round = {} as Record<K, TaskStats>;
    for (const t of bench.tasks) {
      const res = t.result as any;
      if (res.state !== "completed") throw new Error(`benchmark task ${t.name} did not complete: ${res.state} ${res.error?.message ?? ""}`);
      round[t.name as K] = { ops: res.throughput.p50, rme: res.latency.rme, p99: res.latency.p99 };
    }
    rounds.push(round);
  }
  const across = (k: K): TaskStats => ({
    ops: median(rounds.map((x) => x[k].ops)),
    rme: median(rounds.map((x) => x[k].rme)),
    p99: median(rounds.map((x) => x[k].p99)),
  });
  const stats = Object.fromEntries(names.map((k) => [k, across(k)])) as Record<K, TaskStats>;
  const ratio = (a: K, b: K) => {
    const xs = rounds.map((x) => x[b].ops / x[a].ops);
    return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs) };
  };
  return { stats, ratio };
}

export const showOps = (s: TaskStats) => `${fmtInt(s.ops)} calls/s (±${s.rme.toFixed(1)}%, p99 ${(s.p99 * 1000).toFixed(1)} µs)`;
export const showRatio = (r: { median: number; min: number; max: number }) =>
  `${fmtRatio(r.median)} [${fmtRatio(r.min)}–${fmtRatio(r.max)}]`;
