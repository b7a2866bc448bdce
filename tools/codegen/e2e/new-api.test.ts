/**
 * Issue 13's "done when": in a temporary copy of the workspace, `pnpm new-api` for a fixture vendor, then only its
 * spec is written (a JSON-body cancel call with a bearer key); the README's own commands, `pnpm build` (the whole
 * pipeline) and `pnpm test` (the whole fast suite: docs, release, size, bench, reliability… over every API of
 * redocly.yaml), pass with no other edit, and the new client works against a local server.
 *
 * Cheap on CI: the copy starts from a copy of this workspace's turbo cache (CI has just run `pnpm test`; the original
 * is only read), so only the tasks whose inputs the new API changes run, each once (`pnpm test` reuses what `pnpm build`
 * ran; with the original read-only, `--cache=local:r`, it ran them again); how many, and how long, is logged (never
 * asserted).
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { send, startServer } from "@subscription-apis/test-kit";
import { cleanEnv, runOk } from "@subscription-apis/test-kit/proc";
import { scratchCopy } from "@subscription-apis/test-kit/workspace";
import { afterAll, expect, it } from "vitest";
import { findRoot } from "../src/index.js";

const root = findRoot(new URL(".", import.meta.url).pathname);
const tmp = mkdtempSync(join(tmpdir(), "sapi-new-api-"));
/** This workspace's turbo cache: TURBO_CACHE_DIR, or `.turbo/cache` of the main worktree (turbo shares it across git worktrees). */
const gitCommon = execFileSync("git", ["rev-parse", "--path-format=absolute", "--git-common-dir"], { cwd: root, encoding: "utf8" });
const cacheDir = resolve(root, process.env.TURBO_CACHE_DIR ?? join(dirname(gitCommon.trim()), ".turbo", "cache"));
const env = cleanEnv({ NO_COLOR: "1" });
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs a pnpm command in the copy; logs how many turbo tasks ran (cache misses) and how long it took. */
async function pnpm(...args: string[]): Promise<void> {
  const r = await runOk("pnpm", args, { cwd: tmp, env });
  const ran = [...r.stdout.matchAll(/^(\S+): cache miss, executing/gm)].map((m) => m[1]);
  const total = /Tasks:\s+\d+ successful, (\d+) total/.exec(r.stdout)?.[1] ?? "?";
  console.log(`[new-api] pnpm ${args.join(" ")}: ${(r.ms / 1000).toFixed(1)} s, ${ran.length} of ${total} tasks ran: ${ran.join(" ")}`);
}

/** The fixture vendor's spec: the starter's cancel call, now with a JSON body (only files under specs/acme-pay/). */
const BODY = `  requestBody:
    required: true
    content:
      application/json:
        schema:
          $ref: ../components/schemas/CancelRequest.yaml
        example: { when: now, reason: too expensive }
`;
const CANCEL_REQUEST = `type: object
description: How to cancel.
properties:
  when: { type: string, description: Now or at the end of the period., enum: [now, period_end], example: now }
  reason: { type: string, description: Why the customer cancels., maxLength: 200, example: too expensive }
required: [when]
`;

// A hang guard only: the whole fast suite runs here (15 min with no cache on a loaded 2-core machine).
it("new-api, a spec, and nothing else: pnpm build and pnpm test pass, the client works", { timeout: 2_700_000 }, async () => {
  scratchCopy(root, tmp);
  if (existsSync(cacheDir)) cpSync(cacheDir, join(tmp, ".turbo", "cache"), { recursive: true });
  await pnpm("install", "--offline", "--frozen-lockfile", "--silent");
  await pnpm("new-api", "acme-pay");
  const spec = join(tmp, "specs", "acme-pay");
  const cancel = join(spec, "paths", "subscriptions_{subscriptionId}_cancel.yaml");
  writeFileSync(cancel, readFileSync(cancel, "utf8").replace("  responses:\n", `${BODY}  responses:\n`));
  writeFileSync(join(spec, "components", "schemas", "CancelRequest.yaml"), CANCEL_REQUEST);
  await pnpm("install", "--offline", "--frozen-lockfile=false", "--silent");
  await pnpm("build");
  await pnpm("test");

  const server = await startServer();
  try {
    server.handle((_req, res) => send(res, 200, { id: "sub_9", status: "cancelled" }));
    const mod = (await import(pathToFileURL(join(tmp, "packages", "acme-pay", "dist", "index.js")).href)) as Record<string, any>;
    const client = mod.createAcmePayClient({ apiKey: "acme-key-123", baseUrl: server.origin });
    const { data, error } = await client.cancelSubscription({ subscriptionId: "sub_9", when: "now", reason: "moving" });
    expect(error).toBeUndefined();
    expect(data).toEqual({ id: "sub_9", status: "cancelled" });
    const [req] = server.received;
    expect([req?.method, req?.url, req?.headers.authorization, req?.body]).toEqual([
      "POST",
      "/subscriptions/sub_9/cancel",
      "Bearer acme-key-123",
      JSON.stringify({ when: "now", reason: "moving" }),
    ]);
  } finally {
    await server.close();
  }
});
