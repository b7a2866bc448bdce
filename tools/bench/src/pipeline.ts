/**
 * 4. Pipeline: in a temporary clone of the workspace (never the real tree), a cold `pnpm build` (no turbo cache,
 * no dist), a cached re-run and a re-run after touching one spec; then scale: N synthetic APIs scaffolded with
 * the project's own `new-api` code, and `turbo run lint bundle generate build` over them, with wall time, the
 * per-task times from turbo's run summary and peak memory, to show whether the cost per API stays flat.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type RunOptions, type RunResult, cleanEnv, run as runProc, runOk as runProcOk } from "@subscription-apis/test-kit/proc";
import { loadRegistry, scratchCopy } from "@subscription-apis/test-kit/workspace";
import { fmtMiB, fmtRatio, fmtSeconds, type Row, type SectionResult } from "./common.js";
import { synthId, writeSynthSpec } from "./synth.js";

export interface PipelineOptions {
  /** Measure a cold and a cached `pnpm build`. */
  build: boolean;
  /** Also a `pnpm build` after touching one spec (full mode). */
  touched: boolean;
  /** Numbers of synthetic APIs, measured in this order (the workspace grows from one step to the next). */
  scale: number[];
  /** Skip a scale step whose projected end (from the previous step's per-API cost) is past this, ms since `startedAt`. */
  budgetMs: number;
  startedAt: number;
  /** `head`: git clone of HEAD (default; what CI and a fresh clone see). `worktree`: tracked + untracked, non-ignored files. */
  source: "head" | "worktree";
  /** Keep the temporary workspace (for debugging). */
  keep?: boolean;
  log?: (line: string) => void;
}

export const PIPELINE_PRESETS = {
  full: { build: true, touched: true, scale: [10, 50, 100] },
  quick: { build: false, touched: false, scale: [10] },
  tiny: { build: false, touched: false, scale: [] as number[] },
} satisfies Record<string, Pick<PipelineOptions, "build" | "touched" | "scale">>;

export interface Measured {
  wallMs: number;
  peakTreeRss: number;
  peakProcessRss: number;
  tasks?: number;
  cached?: number;
  /** Tasks that ran (cache misses), `package#task`, when turbo printed them. */
  ran?: string[];
}

export interface ScaleStep {
  apis: number;
  /** Time to scaffold the new APIs (in-process) and `pnpm install --offline` to link them. */
  scaffoldMs: number;
  installMs: number;
  run: Measured;
  perApiMs: number;
  /** Mean duration of each task kind (turbo run summary), ms. */
  taskMeanMs: Record<string, number>;
  /** A second, fully cached run over the same N packages (turbo's hashing overhead at this size). */
  /**
   * `turbo run … --dry=json` right after: how many of the tasks an unchanged re-run would execute again
   * (turbo hashes inputs before earlier tasks of the run wrote theirs, e.g. build before generate's src/generated/).
   */
  rerun: { tasks: number; wouldRun: number; byTask: Record<string, number> };
}

export interface PipelineRaw {
  source: string;
  commit: string | undefined;
  installMs: number;
  /** How the temporary workspace was installed. */
  install?: string;
  cold?: Measured;
  cached?: Measured;
  touched?: Measured & { spec: string; edit: string };
  /** `pnpm build` again after the touched build (and once more if that one was not all cache hits). */
  afterTouched?: Measured[];
  /** For each task the first re-run executed again: the input files whose hash differs from the touched run's. */
  rerunCause?: { task: string; files: string[] }[];
  /** The registered API whose spec each synthetic API copies. */
  scaleSource?: string;
  scale: ScaleStep[];
  skipped: { apis: number; reason: string }[];
}

/** Every build step is measured: wall time and memory of the whole process tree. */
const run = (cmd: string, args: string[], o: RunOptions) => runProc(cmd, args, { ...o, memory: true });
const runOk = (cmd: string, args: string[], o: RunOptions) => runProcOk(cmd, args, { ...o, memory: true });

function parseTurbo(out: string): { tasks?: number; cached?: number } {
  const t = /Tasks:\s+\d+ successful, (\d+) total/.exec(out);
  const c = /Cached:\s+(\d+) cached, \d+ total/.exec(out);
  return { ...(t ? { tasks: Number(t[1]) } : {}), ...(c ? { cached: Number(c[1]) } : {}) };
}

function measured(r: RunResult): Measured {
  const out = r.stdout + r.stderr;
  const ran = [...out.matchAll(/^(\S+?):(\S+): cache miss, executing/gm)].map((m) => `${m[1]}#${m[2]}`);
  return {
    wallMs: Math.round(r.ms),
    peakTreeRss: r.peakTreeRss,
    peakProcessRss: r.peakProcessRss,
    ...parseTurbo(out),
    ...(ran.length && ran.length <= 40 ? { ran } : {}),
  };
}

/** Make the temporary workspace; returns its path and the commit it came from. */
export function makeWorkspace(root: string, source: PipelineOptions["source"]): { dir: string; commit: string | undefined } {
  const dir = mkdtempSync(join(tmpdir(), "sapi-bench-ws-"));
  let commit: string | undefined;
  try {
    commit = execFileSync("git", ["rev-parse", "HEAD"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    commit = undefined;
  }
  if (source === "head" && commit) {
    // A local clone reads the repository and writes only to `dir`.
    execFileSync("git", ["clone", "--quiet", "--no-checkout", root, dir], { stdio: "ignore" });
    execFileSync("git", ["checkout", "--quiet", commit], { cwd: dir, stdio: "ignore" });
    return { dir, commit };
  }
  // The working tree as `git status` would commit it (a fresh repository of one commit).
  scratchCopy(root, dir);
  return { dir, commit };
}

type FullSummary = {
  tasks: {
    taskId: string;
    task: string;
    cache: { status: string };
    inputs?: Record<string, string>;
    execution?: { startTime: number; endTime: number };
  }[];
};

/** turbo's run summary of the latest `--summarize` run in `dir`. */
function turboSummaryFull(dir: string): FullSummary | undefined {
  const runs = join(dir, ".turbo", "runs");
  if (!existsSync(runs)) return undefined;
  const latest = readdirSync(runs)
    .filter((f) => f.endsWith(".json"))
    .map((f) => ({ f, t: statSync(join(runs, f)).mtimeMs }))
    .sort((a, b) => b.t - a.t)[0];
  return latest ? (JSON.parse(readFileSync(join(runs, latest.f), "utf8")) as FullSummary) : undefined;
}

function turboSummary(dir: string): { tasks: { task: string; status: string; ms: number }[] } | undefined {
  const j = turboSummaryFull(dir);
  return (
    j && {
      tasks: j.tasks.map((t) => ({
        task: t.task,
        status: t.cache.status,
        ms: t.execution ? t.execution.endTime - t.execution.startTime : 0,
      })),
    }
  );
}

function diffInputs(a: FullSummary, b: FullSummary | undefined): { task: string; files: string[] }[] {
  const out: { task: string; files: string[] }[] = [];
  for (const tb of b?.tasks ?? []) {
    if (tb.cache.status === "HIT") continue;
    const ta = a.tasks.find((t) => t.taskId === tb.taskId);
    const ia = ta?.inputs ?? {};
    const ib = tb.inputs ?? {};
    const files = [...new Set([...Object.keys(ia), ...Object.keys(ib)])].filter((k) => ia[k] !== ib[k]);
    out.push({ task: tb.taskId, files });
  }
  return out;
}

export async function runPipeline(root: string, o: PipelineOptions): Promise<SectionResult<PipelineRaw>> {
  const log = o.log ?? (() => {});
  // No telemetry, and none of the outer pnpm/turbo run's variables (npm_*, TURBO_* remote cache).
  const env = cleanEnv();
  const { dir, commit } = makeWorkspace(root, o.source);
  const raw: PipelineRaw = { source: o.source, commit, installMs: 0, scale: [], skipped: [] };
  try {
    log(`pipeline: workspace ${dir} (${o.source}${commit ? ` ${commit.slice(0, 12)}` : ""})`);
    // Frozen first (what a fresh clone gets). A HEAD whose lockfile lags its package.json (a commit made in
    // parts) still installs in this throw-away copy, and the report says so.
    const attempts: [string, string[]][] = [
      ["offline, frozen lockfile", ["install", "--offline", "--frozen-lockfile"]],
      ["offline, lockfile updated in the temporary copy", ["install", "--offline", "--no-frozen-lockfile"]],
      ["prefer-offline, lockfile updated in the temporary copy", ["install", "--prefer-offline", "--no-frozen-lockfile"]],
    ];
    const install = async () => {
      let last: RunResult | undefined;
      for (const [label, args] of attempts) {
        last = await run("pnpm", args, { cwd: dir, env });
        if (last.code === 0) {
          raw.install = label;
          return last;
        }
        log(`pipeline: pnpm ${args.join(" ")} failed`);
      }
      throw new Error(`pnpm install failed in ${dir}:\n${(last!.stdout + last!.stderr).split("\n").slice(-30).join("\n")}`);
    };
    raw.installMs = Math.round((await install()).ms);

    if (o.build) {
      log("pipeline: cold pnpm build");
      raw.cold = measured(await runOk("pnpm", ["build"], { cwd: dir, env }));
      log("pipeline: cached pnpm build");
      raw.cached = measured(await runOk("pnpm", ["build"], { cwd: dir, env }));
      const spec = existsSync(join(dir, "specs", "mayar", "openapi.yaml"))
        ? "mayar"
        : readdirSync(join(dir, "specs")).find((d) => existsSync(join(dir, "specs", d, "openapi.yaml")));
      if (spec && o.touched) {
        const file = join(dir, "specs", spec, "openapi.yaml");
        const text = readFileSync(file, "utf8");
        // A content change that flows into the generated code and the docs: the API title.
        const edited = text.replace(/^( {2}title: .*)$/m, "$1 (edited by tools/bench)");
        const edit = edited !== text ? "info.title edited" : "comment line appended";
        writeFileSync(file, edited !== text ? edited : `${text}\n# touched by tools/bench\n`);
        log(`pipeline: pnpm build after editing specs/${spec} (${edit})`);
        // `pnpm build --summarize`: pnpm appends the flag to the root script's `turbo run`.
        raw.touched = { ...measured(await runOk("pnpm", ["build", "--summarize"], { cwd: dir, env })), spec, edit };
        const before = turboSummaryFull(dir);
        raw.afterTouched = [];
        for (let i = 0; i < 2; i++) {
          const m = measured(await runOk("pnpm", ["build", "--summarize"], { cwd: dir, env }));
          raw.afterTouched.push(m);
          if (i === 0 && before) raw.rerunCause = diffInputs(before, turboSummaryFull(dir));
          if (m.tasks !== undefined && m.cached === m.tasks) break;
        }
      }
    }

    if (o.scale.length) {
      if (!o.build) {
        // The synthetic packages need runtime and codegen built.
        log("pipeline: building runtime and codegen");
        await runOk(
          "pnpm",
          [
            "exec",
            "turbo",
            "run",
            "build",
            "--filter=@subscription-apis/runtime",
            "--filter=@subscription-apis/codegen",
            "--output-logs=errors-only",
          ],
          { cwd: dir, env },
        );
      }
      const scaffold = (await import(pathToFileURL(join(dir, "tools", "codegen", "dist", "scaffold.js")).href)) as {
        scaffoldApi: (root: string, id: string) => string[];
      };
      const source = (await loadRegistry(dir)).apis[0];
      if (!source) throw new Error("pipeline: redocly.yaml registers no API to copy");
      raw.scaleSource = source.id;
      let have = 0;
      let lastPerApi = 0;
      for (const n of o.scale) {
        const elapsed = Date.now() - o.startedAt;
        if (lastPerApi && elapsed + lastPerApi * n * 1.15 > o.budgetMs) {
          raw.skipped.push({
            apis: n,
            reason: `projected ${fmtSeconds(lastPerApi * n)} would end past the ${fmtSeconds(o.budgetMs)} budget of this run`,
          });
          log(`pipeline: skipping N=${n} (time budget)`);
          continue;
        }
        const t0 = performance.now();
        for (let i = have + 1; i <= n; i++) {
          const id = synthId(i);
          scaffold.scaffoldApi(dir, id);
          writeSynthSpec(dir, id, source.root);
        }
        have = n;
        const scaffoldMs = Math.round(performance.now() - t0);
        const installMs = Math.round((await install()).ms);
        log(`pipeline: lint + bundle + generate + build of ${n} synthetic APIs`);
        const args = [
          "exec",
          "turbo",
          "run",
          "lint",
          "bundle",
          "generate",
          "build",
          "--filter=./packages/synth-*",
          "--summarize",
          "--output-logs=errors-only",
        ];
        const r = measured(await runOk("pnpm", args, { cwd: dir, env }));
        const summary = turboSummary(dir);
        const kinds: Record<string, number[]> = {};
        for (const t of summary?.tasks ?? []) if (t.status === "MISS") (kinds[t.task] ??= []).push(t.ms);
        const taskMeanMs = Object.fromEntries(
          Object.entries(kinds).map(([k, v]) => [k, Math.round(v.reduce((a, b) => a + b, 0) / v.length)]),
        );
        const dry = await runOk("pnpm", [...args.filter((a) => a !== "--summarize" && !a.startsWith("--output-logs")), "--dry=json"], {
          cwd: dir,
          env,
        });
        const rerun = { tasks: 0, wouldRun: 0, byTask: {} as Record<string, number> };
        try {
          const plan = JSON.parse(dry.stdout.slice(dry.stdout.indexOf("{"))) as {
            tasks: { task: string; command?: string; cache: { status: string } }[];
          };
          for (const t of plan.tasks) {
            if (t.command === "<NONEXISTENT>") continue; // a package without that script: nothing would run
            rerun.tasks++;
            if (t.cache.status !== "HIT") {
              rerun.wouldRun++;
              rerun.byTask[t.task] = (rerun.byTask[t.task] ?? 0) + 1;
            }
          }
        } catch {
          log("pipeline: could not parse turbo --dry=json");
        }
        lastPerApi = r.wallMs / n;
        raw.scale.push({
          apis: n,
          scaffoldMs,
          installMs,
          run: r,
          perApiMs: Math.round(lastPerApi),
          taskMeanMs,
          rerun,
        });
      }
    }
  } finally {
    if (!o.keep) rmSync(dir, { recursive: true, force: true });
    else log(`pipeline: kept ${dir}`);
  }
  return { raw, rows: rows(raw), notes: notes(raw) };
}

function rows(raw: PipelineRaw): Row[] {
  const out: Row[] = [];
  const src =
    raw.source === "head" ? `a fresh \`git clone\` of HEAD${raw.commit ? ` (${raw.commit.slice(0, 12)})` : ""}` : "a copy of the work tree";
  const mem = (m: Measured) => `peak ${fmtMiB(m.peakTreeRss)} all processes, ${fmtMiB(m.peakProcessRss)} largest process`;
  const tasks = (m: Measured) => (m.tasks !== undefined ? `${m.tasks} tasks, ${m.cached ?? 0} cached` : "");
  if (raw.cold) {
    out.push({
      section: "pipeline",
      figure: "cold `pnpm build` (empty turbo cache, no dist)",
      ours: `${fmtSeconds(raw.cold.wallMs)} (${tasks(raw.cold)}; ${mem(raw.cold)})`,
      alternative: "—",
      ratio: "n/a",
      ratioValue: null,
      goal: "—",
      met: null,
      how: `in ${src} after \`pnpm install\` (${raw.install ?? "?"}); wall time of the root script (turbo: lint, bundle, generate, build, typecheck)`,
    });
  }
  if (raw.cold && raw.cached) {
    out.push({
      section: "pipeline",
      figure: "cached `pnpm build` re-run (nothing changed)",
      ours: `${fmtSeconds(raw.cached.wallMs)} (${tasks(raw.cached)})`,
      alternative: `the cold build: ${fmtSeconds(raw.cold.wallMs)}`,
      ratio: fmtRatio(raw.cached.wallMs / raw.cold.wallMs),
      ratioValue: raw.cached.wallMs / raw.cold.wallMs,
      goal: "—",
      met: null,
      how: "same workspace, right after the cold build",
    });
  }
  if (raw.cold && raw.touched) {
    out.push({
      section: "pipeline",
      figure: `\`pnpm build\` after editing one spec (specs/${raw.touched.spec}: ${raw.touched.edit})`,
      ours: `${fmtSeconds(raw.touched.wallMs)} (${tasks(raw.touched)})`,
      alternative: `the cold build: ${fmtSeconds(raw.cold.wallMs)}`,
      ratio: fmtRatio(raw.touched.wallMs / raw.cold.wallMs),
      ratioValue: raw.touched.wallMs / raw.cold.wallMs,
      goal: "—",
      met: null,
      how: "same workspace; the spec's `info.title` changed (flows into the generated code and the docs), then `pnpm build`",
    });
    (raw.afterTouched ?? []).forEach((m, i) => {
      const all = m.tasks !== undefined && m.cached === m.tasks;
      out.push({
        section: "pipeline",
        figure: `${i === 0 ? "next" : "third"} \`pnpm build\` after that edit (nothing changed since)`,
        ours: `${fmtSeconds(m.wallMs)} (${tasks(m)})`,
        alternative: `the cached re-run: ${raw.cached ? fmtSeconds(raw.cached.wallMs) : "—"}`,
        ratio: raw.cached ? fmtRatio(m.wallMs / raw.cached.wallMs) : "n/a",
        ratioValue: raw.cached ? m.wallMs / raw.cached.wallMs : null,
        goal: i === 0 ? "all cache hits (README: a second `pnpm build` is all cache hits)" : "—",
        met: i === 0 ? all : null,
        how: "same workspace, `pnpm build` again",
      });
    });
  }
  const base = raw.scale[0];
  for (const s of raw.scale) {
    const ratio = base ? s.perApiMs / base.perApiMs : Number.NaN;
    const isBase = s === base;
    out.push({
      section: "pipeline",
      figure: `scale: lint + bundle + generate + build of ${s.apis} synthetic APIs`,
      ours: `${fmtSeconds(s.run.wallMs)} total, ${fmtSeconds(s.perApiMs)} per API (${mem(s.run)})`,
      alternative: isBase ? "— (baseline)" : `per API at N=${base!.apis}: ${fmtSeconds(base!.perApiMs)}`,
      ratio: isBase ? "1.00× (baseline)" : `${fmtRatio(ratio)} per API`,
      ratioValue: isBase ? 1 : ratio,
      goal: "per-API cost flat (≤ 1.5× N=10's)",
      met: isBase ? null : ratio <= 1.5,
      how: `synthetic APIs (scaffolded with tools/codegen \`new-api\`, each spec a copy of ${raw.scaleSource}'s) in the same temporary workspace; \`turbo run lint bundle generate build --filter=./packages/synth-*\` (turbo's default concurrency), all N cold (each step changes redocly.yaml, an input of every API's tasks)`,
    });
  }
  return out;
}

function notes(raw: PipelineRaw): string[] {
  const out: string[] = [];
  if (raw.scale.length) {
    const kinds = [...new Set(raw.scale.flatMap((s) => Object.keys(s.taskMeanMs)))].sort();
    const lines = [
      `Pipeline scale, per step (mean duration of one task of each kind from turbo's run summary, under turbo's default concurrency on this machine; "unchanged re-run" is what \`turbo run … --dry=json\` says a second run right after would execute again):`,
      "",
      `| APIs | wall | per API | ${kinds.map((k) => `${k} (mean)`).join(" | ")} | unchanged re-run would run | scaffold + \`pnpm install\` | peak memory (all / largest process) |`,
      `| ---: | ---: | ---: | ${kinds.map(() => "---:").join(" | ")} | ---: | ---: | ---: |`,
      ...raw.scale.map(
        (s) =>
          `| ${s.apis} | ${fmtSeconds(s.run.wallMs)} | ${fmtSeconds(s.perApiMs)} | ${kinds.map((k) => (s.taskMeanMs[k] !== undefined ? fmtSeconds(s.taskMeanMs[k]!) : "—")).join(" | ")} | ${s.rerun.wouldRun} of ${s.rerun.tasks} tasks${
            s.rerun.wouldRun
              ? ` (${Object.entries(s.rerun.byTask)
                  .map(([k, v]) => `${v} ${k}`)
                  .join(", ")})`
              : ""
          } | ${fmtSeconds(s.scaffoldMs)} + ${fmtSeconds(s.installMs)} | ${fmtMiB(s.run.peakTreeRss)} / ${fmtMiB(s.run.peakProcessRss)} |`,
      ),
    ];
    out.push(lines.join("\n"));
  }
  const again = raw.afterTouched?.[0];
  if (raw.touched && again && again.tasks !== undefined && again.cached !== again.tasks) {
    const causes = (raw.rerunCause ?? []).map(
      (c) => `${c.task} (${c.files.length ? c.files.join(", ") : "no input file differs: a dependency task's hash changed"})`,
    );
    out.push(
      `**Not all cache hits after a spec edit**: after the build that followed the edit of specs/${raw.touched.spec}, the next \`pnpm build\` ran ` +
        `${again.tasks - (again.cached ?? 0)} task(s) again` +
        `${raw.afterTouched!.length > 1 ? `, and the one after that ${raw.afterTouched![1]!.tasks! - (raw.afterTouched![1]!.cached ?? 0)}` : ""}. ` +
        (causes.length ? `Input files whose hash differs from the edit run's (turbo run summaries): ${causes.join("; ")}. ` : "") +
        "Why: turbo hashes every task's input files when a run starts; `generate` rewrites `src/generated/` during the run, so tasks " +
        "whose inputs include `src/generated/` were cached under the pre-edit files and run once more on the next `pnpm build`. " +
        "The same happens on the first run of a new API in the scale steps below (`build` is hashed before `src/generated/` exists).",
    );
  }
  for (const s of raw.skipped) out.push(`Scale step N=${s.apis} was skipped: ${s.reason}.`);
  const bad = raw.scale.filter((s, i) => i > 0 && raw.scale[0] && s.perApiMs / raw.scale[0].perApiMs > 1.5);
  if (bad.length) {
    out.push(
      `**Per-API pipeline cost did not stay flat** at N=${bad.map((s) => s.apis).join(", ")}: see the per-task means above for which task grows.`,
    );
  }
  return out;
}
