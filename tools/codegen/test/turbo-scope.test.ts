import { spawnSync } from "node:child_process";
import { appendFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { findRoot, loadRegistry } from "../src/index.js";

const root = findRoot(new URL(".", import.meta.url).pathname);
const { apis } = await loadRegistry(root);
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", REDOCLY_TELEMETRY: "off" };
const tmp = mkdtempSync(join(tmpdir(), "sapi-turbo-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function sh(cmd: string, args: string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

function hashes(cwd: string): Map<string, string> {
  const plan = JSON.parse(sh("pnpm", ["exec", "turbo", "run", "build", "test", "--dry=json"], cwd)) as {
    tasks: { taskId: string; hash: string }[];
  };
  return new Map(plan.tasks.map((t) => [t.taskId, t.hash]));
}

it("touching specs/mayar/** changes the cache keys of mayar's tasks only", () => {
  sh("git", ["clone", "-q", root, tmp], root);
  sh("pnpm", ["install", "--frozen-lockfile", "--offline", "--silent"], tmp);
  const before = hashes(tmp);
  appendFileSync(join(tmp, "specs", "mayar", "paths", "memberships_members_{memberId}_cancel.yaml"), "# touched\n");
  const after = hashes(tmp);
  const changed = [...after]
    .filter(([id, h]) => before.get(id) !== h)
    .map(([id]) => id)
    .sort();
  // No other API package, nor the runtime, nor the generator's build is invalidated. (Suites over every spec —
  // the generator's spec tests, the docs site and release — rightly re-run: they read every spec.)
  // Every other API of redocly.yaml (the one registry), whatever it holds.
  const otherApis = apis.map((a) => `${a.id}#`).filter((id) => id !== "mayar#");
  expect(otherApis).toEqual(expect.arrayContaining(["aws-security-ir#", "aws-qbusiness#", "cloudcockpit#", "fusebill#"]));
  const others = [...otherApis, "runtime#", "codegen#build"];
  expect(changed.filter((id) => others.some((o) => id.startsWith(`@subscription-apis/${o}`)))).toEqual([]);
  expect(changed).toEqual(
    expect.arrayContaining([
      "@subscription-apis/mayar#lint",
      "@subscription-apis/mayar#bundle",
      "@subscription-apis/mayar#generate",
      "@subscription-apis/mayar#build",
      "@subscription-apis/mayar#test",
    ]),
  );
});

it("registering another API in redocly.yaml changes no existing API's cache keys (their rules live in redocly.rules.yaml)", () => {
  const before = hashes(tmp);
  appendFileSync(join(tmp, "redocly.yaml"), "  acme-pay@v1:\n    root: specs/acme-pay/openapi.yaml\n");
  const after = hashes(tmp);
  const apiTasks = [...after.keys()].filter((id) => apis.some((a) => id.startsWith(`@subscription-apis/${a.id}#`)));
  expect(apiTasks.length).toBeGreaterThan(apis.length);
  expect(apiTasks.filter((id) => before.get(id) !== after.get(id))).toEqual([]);
});
