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

const SECRET = "exampleSecretKey/abcdefghijklmnopqrstu";
const ENV = { AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: "" };
const KEY = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: SECRET, service: "security-ir", region: "us-east-1" };

const server = new AwsTestServer();
const ok: Reply = (req, res) => {
  res.writeHead(200, { "Content-Type": "application/json" });
  res.end(JSON.stringify({ membershipId: req.url.split("/").pop() }));
};

describe("README", () => {
  it("contains examples/usage.ts verbatim, in a ts code block", () => {
    expect(exampleSource.length).toBeGreaterThan(200);
    expect(readme).toContain(`\`\`\`ts\n${exampleSource.trimEnd()}\n\`\`\``);
  });

  it("lists every modeled service error code", async () => {
    const { api } = await import("../dist/index.js");
    // The AWS Common Errors (x-error-codes schema CommonError) are documented in the spec, not in the README's table.
    const spec = JSON.parse(readFileSync(new URL("../dist/openapi.json", import.meta.url), "utf8"));
    const common = new Set<string>();
    for (const response of Object.values<{ $ref?: string }>(spec.paths["/v1/membership/{membershipId}"].put.responses)) {
      const resolved = response.$ref ? spec.components.responses[response.$ref.split("/").at(-1)!] : response;
      for (const [code, entry] of Object.entries<{ schema?: string }>(resolved["x-error-codes"] ?? {}))
        if (entry.schema === "CommonError") common.add(code);
    }
    expect(common.size).toBeGreaterThan(0);
    for (const [code, def] of Object.entries(api.operations.cancelMembership.errorCodes)) {
      if (common.has(code)) continue;
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
    for (const [k, v] of Object.entries({ ...ENV, AWS_SECURITY_IR_ENDPOINT: server.url })) vi.stubEnv(k, v);
    out = [];
    err = [];
    vi.spyOn(console, "log").mockImplementation((m: string) => void out.push(m));
    vi.spyOn(console, "error").mockImplementation((m: string) => void err.push(m));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  it("cancels the membership with a signed request and prints it", async () => {
    expect(await main("m-example000001")).toBe(0);
    expect(out).toEqual(["Cancelled membership m-example000001"]);
    expect(server.received).toHaveLength(1);
    expect(server.received[0]).toMatchObject({ method: "PUT", url: "/v1/membership/m-example000001" });
    expect(await signatureIsValid(server.received[0]!, KEY)).toBe(true);
  });

  it("handles the documented error codes", async () => {
    server.replies.push({ status: 404, headers: { "X-Amzn-Errortype": "ResourceNotFoundException" }, body: { message: "gone" } });
    server.replies.push({
      status: 400,
      headers: { "X-Amzn-Errortype": "ValidationException" },
      body: { message: "bad", reason: "FIELD_VALIDATION_FAILED", fieldList: [{ name: "membershipId", message: "too short" }] },
    });
    server.replies.push({
      status: 409,
      headers: { "X-Amzn-Errortype": "ConflictException" },
      body: { message: "already cancelled", resourceId: "m-example000001", resourceType: "membership" },
    });
    for (let i = 0; i < 3; i++) {
      server.replies.push({
        status: 429,
        headers: { "X-Amzn-Errortype": "ThrottlingException", "Retry-After": "0", "x-amzn-RequestId": "req-throttled" },
        body: { message: "Rate exceeded" },
      });
    }
    server.replies.push({ status: 403, headers: { "X-Amzn-Errortype": "AccessDeniedException" }, body: { message: "denied" } });
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push(await main("m-example000001"));
    expect(codes).toEqual([1, 1, 1, 1, 1]);
    expect(err).toEqual([
      "No membership m-example000001",
      "Invalid membershipId: too short",
      "Membership m-example000001 cannot be cancelled now: already cancelled",
      "Gave up after 3 attempts (request id req-throttled)",
      "cancelMembership: AccessDeniedException (HTTP 403): denied",
    ]);
    expect(out).toEqual([]);
  });

  it("runs as a script: `node usage.js <membershipId>` with the AWS_* variables", async () => {
    // Node 20 cannot run .ts: transpile the example as is, pointing its package import at the built client.
    const dir = mkdtempSync(join(tmpdir(), "security-ir-example-"));
    try {
      const js = ts.transpileModule(exampleSource, {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      }).outputText;
      const dist = pathToFileURL(fileURLToPath(new URL("../dist/index.js", import.meta.url))).href;
      expect(js).toContain('"@subscription-apis/aws-security-ir"');
      const file = join(dir, "usage.mjs");
      writeFileSync(file, js.replace('"@subscription-apis/aws-security-ir"', JSON.stringify(dist)));
      const env = { PATH: process.env.PATH ?? "", ...ENV, AWS_SECURITY_IR_ENDPOINT: server.url };
      const run = await promisify(execFile)(process.execPath, [file, "m-script0000001"], { env });
      expect(run.stdout).toBe("Cancelled membership m-script0000001\n");
      expect(server.received[0]).toMatchObject({ method: "PUT", url: "/v1/membership/m-script0000001" });
      expect(await signatureIsValid(server.received[0]!, KEY)).toBe(true);

      server.replies.push({ status: 404, headers: { "X-Amzn-Errortype": "ResourceNotFoundException" }, body: { message: "gone" } });
      const failed = await promisify(execFile)(process.execPath, [file, "m-script0000002"], { env }).catch(
        (e: { code: number; stderr: string }) => e,
      );
      expect(failed).toMatchObject({ code: 1, stderr: "No membership m-script0000002\n" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000); // two Node processes plus the TypeScript transpiler: slow on a loaded machine
});
