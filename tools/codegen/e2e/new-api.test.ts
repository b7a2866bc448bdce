/**
 * Issue 13's "done when": in a temporary copy of the workspace (`git ls-files`), `pnpm new-api` for a fixture vendor,
 * then only its spec is written (a JSON-body cancel call with a bearer key); `pnpm build` of the package and its
 * test pass with no other edit, and its client works against a local server.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
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

/** The fixture vendor's spec: only files under specs/acme-pay/ (the starter's layout, its own operation). */
const SPEC: Record<string, string> = {
  "paths/subscriptions_{subscriptionId}_cancel.yaml": `post:
  operationId: cancelSubscription
  summary: Cancel a subscription
  description: Cancels a subscription at the end of the period, or now.
  tags:
    - Subscriptions
  externalDocs:
    description: Vendor reference
    url: https://example.org/docs/cancel
  parameters:
    - $ref: ../components/parameters/SubscriptionId.yaml
  requestBody:
    required: true
    content:
      application/json:
        schema:
          $ref: ../components/schemas/CancelRequest.yaml
        example:
          when: now
          reason: too expensive
  responses:
    "200":
      description: The cancelled subscription.
      content:
        application/json:
          schema:
            $ref: ../components/schemas/Subscription.yaml
          example:
            id: sub_123
            status: cancelled
    "404":
      $ref: ../components/responses/NotFound.yaml
    default:
      $ref: ../components/responses/UnexpectedError.yaml
`,
  "components/schemas/CancelRequest.yaml": `type: object
description: How to cancel.
properties:
  when:
    type: string
    description: Now, or at the end of the period.
    enum:
      - now
      - period_end
  reason:
    type: string
    description: Why the customer cancels.
    maxLength: 200
required:
  - when
`,
};

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
  for (const [rel, text] of Object.entries(SPEC)) writeFileSync(join(tmp, "specs", "acme-pay", rel), text);
  sh("pnpm", ["install", "--offline", "--frozen-lockfile=false", "--silent"]);
  sh("pnpm", [
    "exec",
    "turbo",
    "run",
    "lint",
    "bundle",
    "generate",
    "build",
    "typecheck",
    "--filter=@subscription-apis/acme-pay...",
    "--output-logs=errors-only",
  ]);
  sh("pnpm", ["--filter", "@subscription-apis/acme-pay", "test"]);

  const received: { method?: string; url?: string; auth?: string; body: string }[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c));
    req.on("end", () => {
      received.push({ method: req.method, url: req.url, auth: req.headers.authorization, body });
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: "sub_9", status: "cancelled" }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  try {
    const mod = (await import(pathToFileURL(join(tmp, "packages", "acme-pay", "dist", "index.js")).href)) as Record<string, any>;
    const client = mod.createAcmePayClient({
      apiKey: "acme-key-123",
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    });
    const { data, error } = await client.cancelSubscription({ subscriptionId: "sub_9", when: "now", reason: "moving" });
    expect(error).toBeUndefined();
    expect(data).toEqual({ id: "sub_9", status: "cancelled" });
    expect(received).toEqual([
      {
        method: "POST",
        url: "/subscriptions/sub_9/cancel",
        auth: "Bearer acme-key-123",
        body: JSON.stringify({ when: "now", reason: "moving" }),
      },
    ]);
  } finally {
    server.close();
  }
});
