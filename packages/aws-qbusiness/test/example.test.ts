import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import ts from "typescript";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../examples/usage.js";
import { AwsTestServer, signatureIsValid, type Reply } from "@subscription-apis/test-kit/aws";

const exampleSource = readFileSync(new URL("../examples/usage.ts", import.meta.url), "utf8");
const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

const SECRET = "qbExampleSecretKey/abcdefghijklmnopqrstu";
const ENV = { AWS_REGION: "eu-west-1", AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: "" };
const KEY = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: SECRET, service: "qbusiness", region: "eu-west-1" };
const APP = "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111";

const server = new AwsTestServer();
const ok: Reply = (req, res) => {
  const [, , app, , sub] = req.url.split("/").map((s) => decodeURIComponent(s));
  res.writeHead(200, { "Content-Type": "application/json" });
  res.end(
    JSON.stringify({
      subscriptionArn: `arn:aws:qbusiness:eu-west-1:123456789012:application/${app}/subscription/${sub}`,
      currentSubscription: { type: "Q_BUSINESS" },
      nextSubscription: {},
    }),
  );
};
const arn = (sub: string) => `arn:aws:qbusiness:eu-west-1:123456789012:application/${APP}/subscription/${sub}`;

describe("README", () => {
  it("contains examples/usage.ts verbatim, in a ts code block", () => {
    expect(exampleSource.length).toBeGreaterThan(200);
    expect(readme).toContain(`\`\`\`ts\n${exampleSource.trimEnd()}\n\`\`\``);
  });

  it("lists every documented error code", async () => {
    const { api } = await import("../dist/index.js");
    for (const [code, def] of Object.entries(api.operations.cancelSubscription.errorCodes)) {
      expect(readme).toMatch(new RegExp(`\\| \`${code}\` \\| ${def.status} \\|`));
    }
  });
});

describe("examples/usage.ts", () => {
  let out: string[];
  let err: string[];
  beforeAll(() => server.start());
  afterAll(() => server.stop());
  beforeEach(() => {
    server.reset(ok);
    for (const [k, v] of Object.entries({ ...ENV, AWS_QBUSINESS_ENDPOINT: server.url })) vi.stubEnv(k, v);
    out = [];
    err = [];
    vi.spyOn(console, "log").mockImplementation((m: string) => void out.push(m));
    vi.spyOn(console, "error").mockImplementation((m: string) => void err.push(m));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  it("cancels the subscription with a signed request and prints the tiers", async () => {
    expect(await main(APP, "group/eng")).toBe(0);
    expect(out).toEqual([`Cancelled ${arn("group/eng")}: Q_BUSINESS now, none next month`]);
    expect(server.received).toHaveLength(1);
    expect(server.received[0]).toMatchObject({ method: "DELETE", url: `/applications/${APP}/subscriptions/group%2Feng` });
    expect(await signatureIsValid(server.received[0]!, KEY)).toBe(true);
  });

  it("handles the documented error codes", async () => {
    server.replies.push({
      status: 400,
      headers: { "X-Amzn-Errortype": "ValidationException" },
      body: { message: "bad", reason: "FIELD_VALIDATION_FAILED", fields: [{ name: "subscriptionId", message: "unknown id" }] },
    });
    server.replies.push({
      status: 404,
      headers: { "X-Amzn-Errortype": "ResourceNotFoundException" },
      body: { message: "gone", resourceId: "sub-1", resourceType: "Subscription" },
    });
    for (let i = 0; i < 3; i++) {
      server.replies.push({
        status: 500,
        headers: { "X-Amzn-Errortype": "InternalServerException", "Retry-After": "0", "x-amzn-RequestId": "req-500" },
        body: { message: "boom" },
      });
    }
    server.replies.push({ status: 403, headers: { "X-Amzn-Errortype": "AccessDeniedException" }, body: { message: "denied" } });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push(await main(APP, "sub-1"));
    expect(codes).toEqual([1, 1, 1, 1]);
    expect(err).toEqual([
      "Invalid subscriptionId: unknown id",
      "No Subscription sub-1",
      "Gave up after 3 attempts (request id req-500)",
      "cancelSubscription: AccessDeniedException (HTTP 403): denied",
    ]);
    expect(out).toEqual([]);
  });

  it("runs as a script: `node usage.js <applicationId> <subscriptionId>` with the AWS_* variables", async () => {
    // Node 20 cannot run .ts: transpile the example as is, pointing its package import at the built client.
    const dir = mkdtempSync(join(tmpdir(), "qbusiness-example-"));
    try {
      const js = ts.transpileModule(exampleSource, {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      }).outputText;
      const dist = pathToFileURL(fileURLToPath(new URL("../dist/index.js", import.meta.url))).href;
      expect(js).toContain('"@subscription-apis/aws-qbusiness"');
      const file = join(dir, "usage.mjs");
      writeFileSync(file, js.replace('"@subscription-apis/aws-qbusiness"', JSON.stringify(dist)));
      const env = { PATH: process.env.PATH ?? "", ...ENV, AWS_QBUSINESS_ENDPOINT: server.url };
      const run = await promisify(execFile)(process.execPath, [file, APP, "user-42"], { env });
      expect(run.stdout).toBe(`Cancelled ${arn("user-42")}: Q_BUSINESS now, none next month\n`);
      expect(await signatureIsValid(server.received[0]!, KEY)).toBe(true);

      server.replies.push({
        status: 404,
        headers: { "X-Amzn-Errortype": "ResourceNotFoundException" },
        body: { message: "gone", resourceId: "user-43", resourceType: "Subscription" },
      });
      const failed = await promisify(execFile)(process.execPath, [file, APP, "user-43"], { env }).catch(
        (e: { code: number; stderr: string }) => e,
      );
      expect(failed).toMatchObject({ code: 1, stderr: "No Subscription user-43\n" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000); // two Node processes plus the TypeScript transpiler: slow on a loaded machine
});
