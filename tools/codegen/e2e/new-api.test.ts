/**
 * Issue 13's "done when": in a temporary copy of the workspace (`git ls-files`), `pnpm new-api` for a fixture vendor,
 * then only its spec is written (a JSON-body cancel call with a bearer key); `pnpm build` of the package and its
 * test pass with no other edit, and its client works against a local server.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { send, startServer } from "@subscription-apis/test-kit";
import { afterAll, expect, it } from "vitest";
import { findRoot } from "../src/index.js";

const root = findRoot(new URL(".", import.meta.url).pathname);
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", REDOCLY_TELEMETRY: "off", NO_COLOR: "1" };
const tmp = mkdtempSync(join(tmpdir(), "sapi-new-api-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function sh(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { cwd: tmp, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
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

it("new-api, a spec, and nothing else: the package builds, its test passes, its client works", async () => {
  const files = spawnSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8" }).stdout.split("\0").filter(Boolean);
  for (const f of files) {
    mkdirSync(dirname(join(tmp, f)), { recursive: true });
    try {
      cpSync(join(root, f), join(tmp, f));
    } catch {
      /* deleted in the working tree */
    }
  }
  sh("git", ["init", "-q"]);
  sh("pnpm", ["install", "--offline", "--frozen-lockfile=false", "--silent"]);
  sh("pnpm", ["new-api", "acme-pay"]);
  const spec = join(tmp, "specs", "acme-pay");
  const cancel = join(spec, "paths", "subscriptions_{subscriptionId}_cancel.yaml");
  writeFileSync(cancel, readFileSync(cancel, "utf8").replace("  responses:\n", `${BODY}  responses:\n`));
  writeFileSync(join(spec, "components", "schemas", "CancelRequest.yaml"), CANCEL_REQUEST);
  sh("pnpm", ["install", "--offline", "--frozen-lockfile=false", "--silent"]);
  const pipeline = "exec turbo run lint bundle generate build typecheck --output-logs=errors-only".split(" ");
  sh("pnpm", [...pipeline, "--filter=@subscription-apis/acme-pay..."]);
  sh("pnpm", ["--filter", "@subscription-apis/acme-pay", "test"]);

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
