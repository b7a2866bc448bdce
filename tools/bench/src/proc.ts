/**
 * Run a command and measure its wall time and memory: the peak summed RSS of its whole process tree
 * (sampled from /proc every `sampleMs`), and the largest RSS of any single process in the tree (the
 * kernel's own maximum, via GNU time's %M, where /usr/bin/time exists; else the sampled maximum).
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface RunResult {
  code: number | null;
  wallMs: number;
  /** Peak of the summed RSS of the process tree, bytes (sampled; 0 where /proc is missing). */
  peakTreeRss: number;
  /** Largest RSS of one process of the tree, bytes. */
  peakProcessRss: number;
  peakProcessRssSource: "getrusage" | "sampled";
  stdout: string;
  stderr: string;
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

function treeRss(root: number): { sum: number; max: number } {
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
    const pid = stack.pop()!;
    const p = table.get(pid);
    if (p) {
      sum += p.rss;
      // GNU time itself is not part of what is measured
      if (pid !== root || !GNU_TIME) max = Math.max(max, p.rss);
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return { sum, max };
}

let seq = 0;

export function run(
  cmd: string,
  args: string[],
  opts: { cwd: string; env?: NodeJS.ProcessEnv; sampleMs?: number; timeoutMs?: number },
): Promise<RunResult> {
  const timeFile = GNU_TIME ? join(tmpdir(), `sapi-bench-time-${process.pid}-${seq++}.txt`) : undefined;
  const [file, argv] = GNU_TIME && timeFile ? [GNU_TIME, ["-f", "%M", "-o", timeFile, cmd, ...args]] : [cmd, args];
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
      const { sum, max } = treeRss(child.pid);
      peakTree = Math.max(peakTree, sum);
      peakProc = Math.max(peakProc, max);
    };
    const timer = setInterval(sample, opts.sampleMs ?? 200);
    const killer = opts.timeoutMs ? setTimeout(() => child.kill("SIGTERM"), opts.timeoutMs) : undefined;
    child.on("error", (e) => {
      clearInterval(timer);
      clearTimeout(killer);
      reject(e);
    });
    child.on("close", (code) => {
      const wallMs = performance.now() - t0;
      clearInterval(timer);
      clearTimeout(killer);
      let source: RunResult["peakProcessRssSource"] = "sampled";
      if (timeFile && existsSync(timeFile)) {
        const kb = Number.parseInt(readFileSync(timeFile, "utf8").trim().split("\n").pop() ?? "", 10);
        if (Number.isFinite(kb)) {
          peakProc = Math.max(peakProc, kb * 1024);
          source = "getrusage";
        }
        rmSync(timeFile, { force: true });
      }
      resolve({ code, wallMs, peakTreeRss: peakTree, peakProcessRss: peakProc, peakProcessRssSource: source, stdout, stderr });
    });
  });
}

/** Like `run`, but throws with the output's tail when the command fails. */
export async function runOk(cmd: string, args: string[], opts: Parameters<typeof run>[2]): Promise<RunResult> {
  const r = await run(cmd, args, opts);
  if (r.code !== 0) {
    const tail = (r.stdout + r.stderr).split("\n").slice(-40).join("\n");
    throw new Error(`\`${cmd} ${args.join(" ")}\` in ${opts.cwd} exited ${r.code}:\n${tail}`);
  }
  return r;
}
