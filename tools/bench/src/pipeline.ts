/**
 * 4. Pipeline: in a temporary clone of the workspace (never the real tree), a cold `pnpm build` (no turbo cache, no
 * dist), a cached re-run, a build after editing one spec and the build after that; then scale: N synthetic APIs
 * scaffolded with the project's own `new-api` code (each spec a copy of the first API's), and
 * `turbo run lint bundle generate build` over them: wall time and turbo's per-task means, to show whether the cost
 * per API stays flat.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { cleanEnv, type RunResult, run, runOk } from "@subscription-apis/test-kit/proc";
import { loadRegistry, scratchCopy } from "@subscription-apis/test-kit/workspace";
import { fmtRatio, fmtSeconds, headCommit, type Row, type SectionResult } from "./common.js";

export interface PipelineOptions {
  /** Measure the cold, cached and spec-edit `pnpm build`s. */
  build: boolean;
  /** Numbers of synthetic APIs, measured in this order (the workspace grows from one step to the next). */
  scale: number[];
  /** Skip a scale step whose projected end (from the previous step's per-API cost) is past this, ms since `startedAt`. */
  budgetMs: number;
  startedAt: number;
  /** `head`: git clone of HEAD (what CI and a fresh clone see). `worktree`: tracked + untracked, non-ignored files. */
  source: "head" | "worktree";
  /** Keep the temporary workspace (for debugging). */
  keep: boolean;
  log: (line: string) => void;
}

export const PIPELINE_PRESETS = {
  full: { build: true, scale: [10, 50, 100] },
  quick: { build: false, scale: [10] },
  tiny: { build: false, scale: [1] },
};

/** Wall time of a run and turbo's task counts (when it printed them). */
export interface Measured {
  wallMs: number;
  tasks?: number;
  cached?: number;
}
export interface PipelineRaw {
  source: string;
  commit: string | undefined;
  /** How the temporary workspace was installed. */
  install: string;
  cold?: Measured;
  cached?: Measured;
  touched?: Measured & { spec: string };
  /** `pnpm build` once more after the touched build. */
  afterTouched?: Measured;
  /** The registered API whose spec each synthetic API copies. */
  scaleSource?: string;
  /** Per step: total wall time, per API, and the mean duration of each task kind (turbo run summary), ms. */
  scale: { apis: number; run: Measured; perApiMs: number; taskMeanMs: Record<string, number> }[];
  skipped: { apis: number; reason: string }[];
}

function measured(r: RunResult): Measured {
  const out = r.stdout + r.stderr;
  const [tasks, cached] = [/Tasks:\s+\d+ successful, (\d+) total/, /Cached:\s+(\d+) cached/].map((re) => re.exec(out)?.[1]);
  return { wallMs: Math.round(r.ms), ...(tasks && { tasks: Number(tasks) }), ...(cached && { cached: Number(cached) }) };
}

/** Mean duration of each task kind that ran (cache miss) in the latest `--summarize` run in `dir`. */
function taskMeans(dir: string): Record<string, number> {
  const runs = join(dir, ".turbo", "runs");
  const latest = readdirSync(runs).sort((a, b) => statSync(join(runs, b)).mtimeMs - statSync(join(runs, a)).mtimeMs)[0]!;
  const summary = JSON.parse(readFileSync(join(runs, latest), "utf8")) as {
    tasks: { task: string; cache: { status: string }; execution?: { startTime: number; endTime: number } }[];
  };
  const kinds: Record<string, number[]> = {};
  for (const t of summary.tasks)
    if (t.cache.status === "MISS" && t.execution) (kinds[t.task] ??= []).push(t.execution.endTime - t.execution.startTime);
  return Object.fromEntries(Object.entries(kinds).map(([k, v]) => [k, Math.round(v.reduce((a, b) => a + b, 0) / v.length)]));
}

export async function runPipeline(root: string, o: PipelineOptions): Promise<SectionResult<PipelineRaw>> {
  const env = cleanEnv(); // no telemetry, none of the outer pnpm/turbo run's variables
  const dir = mkdtempSync(join(tmpdir(), "sapi-bench-ws-"));
  const commit = headCommit(root);
  const raw: PipelineRaw = { source: o.source, commit, install: "", scale: [], skipped: [] };
  const pnpm = async (...args: string[]) => measured(await runOk("pnpm", args, { cwd: dir, env }));
  // Frozen first (what a fresh clone gets); a HEAD whose lockfile lags its package.json still installs in this copy.
  const install = async () => {
    for (const args of [
      ["--offline", "--frozen-lockfile"],
      ["--offline", "--no-frozen-lockfile"],
      ["--prefer-offline", "--no-frozen-lockfile"],
    ]) {
      const r = await run("pnpm", ["install", ...args], { cwd: dir, env });
      if (r.code === 0) return (raw.install = args.join(" "));
      o.log(`pipeline: pnpm install ${args.join(" ")} failed`);
    }
    throw new Error(`pnpm install failed in ${dir}`);
  };
  try {
    if (o.source === "head" && commit) {
      execFileSync("git", ["clone", "--quiet", "--no-checkout", root, dir], { stdio: "ignore" });
      execFileSync("git", ["checkout", "--quiet", commit], { cwd: dir, stdio: "ignore" });
    } else scratchCopy(root, dir);
    o.log(`pipeline: workspace ${dir} (${o.source}${commit ? ` ${commit.slice(0, 12)}` : ""})`);
    await install();
    if (o.build) {
      raw.cold = await pnpm("build");
      raw.cached = await pnpm("build");
      // A content change that flows into the generated code and the docs: the first API's title.
      const spec = (await loadRegistry(dir)).apis[0]!;
      writeFileSync(spec.root, readFileSync(spec.root, "utf8").replace(/^( {2}title: .*)$/m, "$1 (edited by tools/bench)"));
      raw.touched = { ...(await pnpm("build")), spec: spec.id };
      raw.afterTouched = await pnpm("build");
    } else {
      await pnpm("exec", "turbo", "run", "build", "--filter=@subscription-apis/runtime", "--filter=@subscription-apis/codegen");
    }
    const { scaffoldApi } = await import(pathToFileURL(join(dir, "tools", "codegen", "dist", "scaffold.js")).href);
    const source = (await loadRegistry(dir)).apis[0]!;
    raw.scaleSource = source.id;
    let have = 0;
    for (const n of o.scale) {
      const last = raw.scale.at(-1);
      if (last && Date.now() - o.startedAt + last.perApiMs * n * 1.15 > o.budgetMs) {
        raw.skipped.push({
          apis: n,
          reason: `projected ${fmtSeconds(last.perApiMs * n)} would end past the ${fmtSeconds(o.budgetMs)} budget`,
        });
        continue;
      }
      for (; have < n; have++) {
        const id = `synth-${String(have + 1).padStart(3, "0")}`;
        scaffoldApi(dir, id);
        rmSync(join(dir, "specs", id), { recursive: true, force: true });
        cpSync(dirname(source.root), join(dir, "specs", id), { recursive: true });
      }
      await install();
      o.log(`pipeline: lint + bundle + generate + build of ${n} synthetic APIs`);
      const r = await pnpm("exec", "turbo", "run", "lint", "bundle", "generate", "build", "--filter=./packages/synth-*", "--summarize");
      raw.scale.push({ apis: n, run: r, perApiMs: Math.round(r.wallMs / n), taskMeanMs: taskMeans(dir) });
    }
  } finally {
    if (o.keep) o.log(`pipeline: kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
  return { raw, rows: rows(raw), notes: raw.skipped.map((s) => `Scale step N=${s.apis} was skipped: ${s.reason}.`) };
}

function rows(raw: PipelineRaw): Row[] {
  const row = (
    figure: string,
    ours: string,
    ms: number,
    vs: [string, number] | undefined,
    how: string,
    goal = "—",
    met: boolean | null = null,
  ): Row => {
    const ratio = vs ? ms / vs[1] : null;
    const alternative = vs ? `${vs[0]}: ${fmtSeconds(vs[1])}` : "—";
    return { section: "pipeline", figure, ours, alternative, ratio: ratio ? fmtRatio(ratio) : "n/a", ratioValue: ratio, goal, met, how };
  };
  const build = (m: Measured) => `${fmtSeconds(m.wallMs)}${m.tasks === undefined ? "" : ` (${m.tasks} tasks, ${m.cached ?? 0} cached)`}`;
  const out: Row[] = [];
  const { cold, cached, touched, afterTouched: next } = raw;
  if (cold && cached && touched && next) {
    const src = raw.source === "head" ? `a fresh \`git clone\` of HEAD (${raw.commit?.slice(0, 12)})` : "a copy of the work tree";
    const vsCold: [string, number] = ["the cold build", cold.wallMs];
    out.push(
      row(
        "cold `pnpm build` (empty turbo cache, no dist)",
        build(cold),
        cold.wallMs,
        undefined,
        `in ${src} after \`pnpm install ${raw.install}\``,
      ),
      row(
        "cached `pnpm build` re-run (nothing changed)",
        build(cached),
        cached.wallMs,
        vsCold,
        "same workspace, right after the cold build",
      ),
      row(
        `\`pnpm build\` after editing one spec (specs/${touched.spec}: info.title)`,
        build(touched),
        touched.wallMs,
        vsCold,
        "same workspace",
      ),
      row(
        "next `pnpm build` after that edit (nothing changed since)",
        build(next),
        next.wallMs,
        ["the cached re-run", cached.wallMs],
        "same workspace, `pnpm build` again; turbo hashes a task's inputs when the run starts, before `generate` rewrites `src/generated/`",
        "all cache hits (README: a second `pnpm build` is all cache hits)",
        next.tasks !== undefined && next.cached === next.tasks,
      ),
    );
  }
  const [base] = raw.scale;
  for (const s of raw.scale) {
    const means = Object.entries(s.taskMeanMs).map(([task, ms]) => `${task} ${fmtSeconds(ms)}`);
    out.push(
      row(
        `scale: lint + bundle + generate + build of ${s.apis} synthetic APIs`,
        `${fmtSeconds(s.run.wallMs)} total, ${fmtSeconds(s.perApiMs)} per API (mean task: ${means.join(", ")})`,
        s.perApiMs,
        s === base ? undefined : [`per API at N=${base!.apis}`, base!.perApiMs],
        `synthetic APIs (scaffolded with tools/codegen \`new-api\`, each spec a copy of ${raw.scaleSource}'s) in the same temporary workspace; \`turbo run lint bundle generate build --filter=./packages/synth-*\`, all N cold; mean task durations from turbo's run summary`,
        `per-API cost flat (≤ 1.5× N=${base!.apis}'s)`,
        s === base ? null : s.perApiMs <= 1.5 * base!.perApiMs,
      ),
    );
  }
  return out;
}
