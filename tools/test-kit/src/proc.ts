/**
 * Running processes for the tools: `run` (never throws on a non-zero exit), `runOk` (throws with the output's
 * tail), `pool` (bounded parallel map). With `memory: true`, `run` also measures the peak summed RSS of the whole
 * process tree (sampled from /proc) and the largest RSS of one process (GNU time's %M where /usr/bin/time exists).
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** SIGTERM the child after this many milliseconds. */
  timeoutMs?: number;
  /** Measure memory (`peakTreeRss`, `peakProcessRss`), sampling every `sampleMs` (default 200). */
  memory?: boolean;
  sampleMs?: number;
}

export interface RunResult {
  code: number;
  ms: number;
  stdout: string;
  stderr: string;
  /** Peak of the summed RSS of the process tree, bytes (0 unless `memory`, or where /proc is missing). */
  peakTreeRss: number;
  /** Largest RSS of one process of the tree, bytes (0 unless `memory`). */
  peakProcessRss: number;
  peakProcessRssSource: "getrusage" | "sampled";
}

const PAGE = 4096;
const HAS_PROC = existsSync("/proc/self/stat");
const GNU_TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

function processTable(): Map<number, { ppid: number; rss: number }> {
  const table = new Map<number, { ppid: number; rss: number }>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // fields[0] = state, [1] = ppid, ..., [21] = rss (pages)
      table.set(Number(name), { ppid: Number(fields[1]), rss: Number(fields[21]) * PAGE });
    } catch {
      // the process exited between readdir and read
    }
  }
  return table;
}

function treeRss(root: number, skipRoot: boolean): { sum: number; max: number } {
  const table = processTable();
  const children = new Map<number, number[]>();
  for (const [pid, p] of table) {
    const list = children.get(p.ppid);
    if (list) list.push(pid);
    else children.set(p.ppid, [pid]);
  }
  let sum = 0;
  let max = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop() as number;
    const p = table.get(pid);
    if (p) {
      sum += p.rss;
      // GNU time itself is not part of what is measured
      if (pid !== root || !skipRoot) max = Math.max(max, p.rss);
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return { sum, max };
}

let seq = 0;

export function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  const timeFile = opts.memory && GNU_TIME ? join(tmpdir(), `sapi-run-time-${process.pid}-${seq++}.txt`) : undefined;
  const [file, argv] = timeFile && GNU_TIME ? [GNU_TIME, ["-f", "%M", "-o", timeFile, cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(file, argv, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    let peakTree = 0;
    let peakProc = 0;
    const sample = () => {
      if (!HAS_PROC || child.pid === undefined) return;
      const { sum, max } = treeRss(child.pid, timeFile !== undefined);
      peakTree = Math.max(peakTree, sum);
      peakProc = Math.max(peakProc, max);
    };
    const timer = opts.memory ? setInterval(sample, opts.sampleMs ?? 200) : undefined;
    const killer = opts.timeoutMs ? setTimeout(() => child.kill("SIGTERM"), opts.timeoutMs) : undefined;
    const stop = () => {
      clearInterval(timer);
      clearTimeout(killer);
    };
    child.on("error", (e) => {
      stop();
      reject(e);
    });
    child.on("close", (code) => {
      const ms = performance.now() - t0;
      stop();
      let source: RunResult["peakProcessRssSource"] = "sampled";
      if (timeFile && existsSync(timeFile)) {
        const kb = Number.parseInt(readFileSync(timeFile, "utf8").trim().split("\n").pop() ?? "", 10);
        if (Number.isFinite(kb)) {
          peakProc = Math.max(peakProc, kb * 1024);
          source = "getrusage";
        }
        rmSync(timeFile, { force: true });
      }
      resolve({ code: code ?? 1, ms, stdout, stderr, peakTreeRss: peakTree, peakProcessRss: peakProc, peakProcessRssSource: source });
    });
  });
}

/** Like `run`, but rejects with the command, its folder and the output's tail when it exits non-zero. */
export async function runOk(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  const r = await run(cmd, args, opts);
  if (r.code !== 0) {
    const tail = `${r.stdout}\n${r.stderr}`.split("\n").slice(-60).join("\n");
    throw new Error(`\`${cmd} ${args.join(" ")}\`${opts.cwd ? ` in ${opts.cwd}` : ""} exited ${r.code}:\n${tail}`);
  }
  return r;
}

/** Map over items with at most `limit` in flight, keeping order. */
export async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * The environment for nested tools: ours minus anything a parent pnpm/turbo/npm injected (npm_config_*, TURBO_*),
 * so a scratch run sees only the configuration we pass it explicitly.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(npm_|NPM_CONFIG_|TURBO_|PNPM_|VITEST|__VITEST|INIT_CWD$)/i.test(k) && k !== "TURBO_TELEMETRY_DISABLED") continue;
    env[k] = v;
  }
  return { ...env, TURBO_TELEMETRY_DISABLED: "1", REDOCLY_TELEMETRY: "off", DO_NOT_TRACK: "1", NO_UPDATE_NOTIFIER: "1", ...extra };
}
