/**
 * Running processes for the tools: `run` (never throws on a non-zero exit), `runOk` (throws with the output's
 * tail), `pool` (bounded parallel map).
 */
import { spawn } from "node:child_process";

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** SIGTERM the child after this many milliseconds. */
  timeoutMs?: number;
}

export interface RunResult {
  code: number;
  ms: number;
  stdout: string;
  stderr: string;
}

export function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    const killer = opts.timeoutMs ? setTimeout(() => child.kill("SIGTERM"), opts.timeoutMs) : undefined;
    child.on("error", (e) => {
      clearTimeout(killer);
      reject(e);
    });
    child.on("close", (code) => {
      clearTimeout(killer);
      resolve({ code: code ?? 1, ms: performance.now() - t0, stdout, stderr });
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
