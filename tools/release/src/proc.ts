import { spawn, type SpawnOptions } from "node:child_process";
import { join } from "node:path";
import { toolDir } from "./workspace.js";

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** A bin of tools/release (publint, attw, verdaccio, ...). */
export const bin = (name: string) => join(toolDir, "node_modules", ".bin", name);

/** Run a command to completion, capturing output (never throws on a non-zero exit). */
export function run(cmd: string, args: string[], options: SpawnOptions = {}): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr, ms: Date.now() - started }));
  });
}

/** Like run, but rejects with the command's output when it exits non-zero. */
export async function runOk(cmd: string, args: string[], options: SpawnOptions = {}): Promise<RunResult> {
  const r = await run(cmd, args, options);
  if (r.code !== 0)
    throw new Error(
      `\`${cmd} ${args.join(" ")}\` exited ${r.code}${options.cwd ? ` in ${String(options.cwd)}` : ""}\n${r.stdout}\n${r.stderr}`,
    );
  return r;
}

/** Map over items with at most `limit` in flight, keeping order. */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
