/**
 * `pnpm test:remote-cache`: turbo remote caching, proven with two machines' worth of checkouts.
 *
 * turborepo-remote-cache (local storage, static token) on 127.0.0.1 <- clone A (a scratch copy of the working
 * tree) runs `turbo run build --filter=@subscription-apis/mayar` (one client and everything it builds on: its spec's
 * lint, bundle and generate, the runtime, the generator; a full build proves nothing more and costs a minute) with TURBO_API/TURBO_TOKEN/TURBO_TEAM and uploads every artifact <- clone B, a fresh
 * `git clone` of A with an empty local cache, runs the same build and every task is a remote cache hit
 * ("cache hit, replaying", FULL TURBO) with its outputs restored. The server is stopped in afterAll.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runOk } from "@subscription-apis/test-kit/proc";
import { cleanEnv } from "@subscription-apis/test-kit/proc";
import { scratchCopy } from "@subscription-apis/test-kit/workspace";
import { startRemoteCache, type Started } from "../src/servers.js";
import { findRoot } from "../src/workspace.js";

/** A hang guard, not a timing check: a cold build of the workspace takes ~1.5 min on two idle cores and went past 5 min on two loaded ones. */
const STEP = 1_500_000;
const root = findRoot(new URL(".", import.meta.url).pathname);
const tmp = mkdtempSync(join(tmpdir(), "sapi-remote-cache-"));
const a = join(tmp, "a");
const b = join(tmp, "b");
const token = `sapi-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
let server: Started | undefined;
let env: NodeJS.ProcessEnv;
const timings: Record<string, number> = {};

interface RunSummary {
  execution: { attempted: number; cached: number; success: number; failed: number };
  tasks: { taskId: string; hash: string; cache: { status: "HIT" | "MISS"; source?: "LOCAL" | "REMOTE" } }[];
}

/** `turbo run build --filter=@subscription-apis/mayar --summarize` in `cwd`; returns the run summary turbo wrote and its output. */
async function build(cwd: string, label: string): Promise<{ summary: RunSummary; out: string }> {
  const runs = join(cwd, ".turbo", "runs");
  const before = existsSync(runs) ? new Set(readdirSync(runs)) : new Set<string>();
  const t = Date.now();
  const r = await runOk(
    "pnpm",
    ["exec", "turbo", "run", "build", "--filter=@subscription-apis/mayar", "--summarize", "--output-logs=hash-only"],
    { cwd, env },
  );
  timings[label] = Date.now() - t;
  console.log(`[test:remote-cache] ${label}: ${(timings[label]! / 1000).toFixed(1)} s`);
  const file = readdirSync(runs).find((f) => f.endsWith(".json") && !before.has(f));
  if (!file) throw new Error(`turbo wrote no run summary in ${runs}`);
  return { summary: JSON.parse(readFileSync(join(runs, file), "utf8")) as RunSummary, out: `${r.stdout}${r.stderr}` };
}

beforeAll(async () => {
  server = await startRemoteCache(join(tmp, "server"), cleanEnv(), token);
  env = cleanEnv({ TURBO_API: server.url, TURBO_TOKEN: token, TURBO_TEAM: "sapi-ci", CI: "true" });
});

afterAll(async () => {
  await server?.stop();
  console.log(`[test:remote-cache] timings (ms): ${JSON.stringify(timings)}`);
  rmSync(tmp, { recursive: true, force: true });
});

describe.sequential("turbo remote cache across two clones", () => {
  let first: RunSummary;

  it(
    "clone A builds and uploads every task's artifact",
    async () => {
      mkdirSync(a);
      scratchCopy(root, a);
      await runOk("pnpm", ["install", "--frozen-lockfile", "--prefer-offline"], { cwd: a, env });
      ({ summary: first } = await build(a, "clone A build (cold)"));
      expect(first.execution.failed).toBe(0);
      expect(first.tasks.map((t) => t.taskId)).toEqual(
        expect.arrayContaining(["@subscription-apis/mayar#generate", "@subscription-apis/mayar#build", "@subscription-apis/runtime#build"]),
      );
      expect(first.tasks.every((t) => t.cache.status === "MISS")).toBe(true);
      const artifacts = readdirSync(join(tmp, "server", "artifacts"), { recursive: true }).filter(
        (f) => String(f).endsWith(".tar.zst") || /^[0-9a-f]{16}/.test(String(f).split("/").pop() ?? ""),
      );
      expect(artifacts.length).toBeGreaterThanOrEqual(first.tasks.length);
    },
    STEP,
  );

  it(
    "a fresh clone B replays every task from the remote cache",
    async () => {
      execFileSync("git", ["clone", "-q", a, b]);
      expect(existsSync(join(b, ".turbo"))).toBe(false); // nothing local to hit
      await runOk("pnpm", ["install", "--frozen-lockfile", "--prefer-offline"], { cwd: b, env });
      const { summary, out } = await build(b, "clone B build (remote cache)");
      const hashesA = new Map(first.tasks.map((t) => [t.taskId, t.hash]));
      expect(summary.tasks.map((t) => t.taskId).sort()).toEqual([...hashesA.keys()].sort());
      for (const t of summary.tasks) {
        expect(t.hash, t.taskId).toBe(hashesA.get(t.taskId)); // same inputs on another checkout -> same key
        expect(t.cache, t.taskId).toMatchObject({ status: "HIT", source: "REMOTE" });
      }
      expect(summary.execution.cached).toBe(summary.execution.attempted);
      expect(out).toContain("FULL TURBO");
      // Outputs were restored from the artifacts, byte for byte.
      for (const f of [
        "packages/runtime/dist/index.js",
        "packages/mayar/dist/index.d.ts",
        "packages/mayar/dist/openapi.json",
        "tools/codegen/dist/cli.js",
      ]) {
        expect(readFileSync(join(b, f), "utf8"), f).toBe(readFileSync(join(a, f), "utf8"));
      }
      console.log(`[test:remote-cache] clone B: ${summary.execution.cached}/${summary.execution.attempted} tasks were remote cache hits`);
    },
    STEP,
  );
});
