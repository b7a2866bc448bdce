import { execFile } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { curlSample, docsSpec, findRoot, loadDocsApis, readSpec, typescriptSample, type DocsApi } from "../src/index.js";

const run = promisify(execFile);
const root = findRoot(fileURLToPath(new URL(".", import.meta.url)));
const pkgDir = fileURLToPath(new URL("..", import.meta.url));
const apis: DocsApi[] = await loadDocsApis(root);

/**
 * What each API's curl sample must send, written from the specs by hand (not derived from the generator):
 * method, path on the wire, auth, extra headers and JSON body.
 */
const EXPECTED: Record<string, { method: string; path: string; auth: RegExp; headers?: Record<string, string>; body?: unknown }> = {
  "aws-security-ir": {
    method: "PUT",
    path: "/v1/membership/m-abcd1234efgh",
    auth: /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/security-ir\/aws4_request, SignedHeaders=\S+, Signature=[0-9a-f]{64}$/,
  },
  "aws-qbusiness": {
    method: "DELETE",
    path: "/applications/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111/subscriptions/EXAMPLE-subscription-1",
    auth: /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/qbusiness\/aws4_request, SignedHeaders=\S+, Signature=[0-9a-f]{64}$/,
  },
  cloudcockpit: {
    method: "DELETE",
    path: "/v1/customers/0f8b2c6e-3d4a-4b1f-9a7e-6c5d2e1f8a90/subscriptions/7a3e9c1d-52b4-4e8f-a6d0-1b2c3d4e5f60",
    auth: /^Bearer test-cloudcockpit-token$/,
    headers: { "x-tenant": "portal.cloudcockpit.com" },
  },
  fusebill: {
    method: "POST",
    path: "/v1/subscriptionCancellation",
    auth: /^Basic test-fusebill-api-key$/,
    headers: { "content-type": "application/json" },
    body: { subscriptionId: 12345, cancellationOption: "None" },
  },
  mayar: {
    method: "POST",
    path: "/hl/v2/memberships/members/MBR8X2QK/cancel",
    auth: /^Bearer test-mayar-api-key$/,
    headers: { "content-type": "application/json" },
    body: { productId: "7c9d2e1f-4a5b-4c6d-8e9f-0a1b2c3d4e5f" },
  },
};

const ENV = {
  AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
  AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
  CLOUDCOCKPIT_TOKEN: "test-cloudcockpit-token",
  FUSEBILL_API_KEY: "test-fusebill-api-key",
  MAYAR_API_KEY: "test-mayar-api-key",
};

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

let server: Server;
let origin: string;
const received: Received[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8").on("data", (d: string) => (body += d));
    req.on("end", () => {
      received.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("registry", () => {
  it("documents exactly the APIs of redocly.yaml, each with an expectation here", () => {
    const missing = apis.map((a) => a.id).filter((id) => !EXPECTED[id]);
    expect(
      missing,
      `no curl-sample expectation for ${missing.join(", ")}: add one to EXPECTED in tools/docs/test/samples.test.ts (method, path, auth, headers, body written from the spec)`,
    ).toEqual([]);
    expect(apis.map((a) => a.id).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it("every operation gets a TypeScript and a curl x-codeSamples entry", () => {
    for (const api of apis) {
      const spec = docsSpec(readSpec(api), api);
      for (const op of Object.values(api.api.operations)) {
        const samples = spec.paths[op.path][op.method]["x-codeSamples"];
        expect(samples.map((s: { label: string }) => s.label)).toEqual(["TypeScript", "curl"]);
        expect(samples[0].source).toContain(`${api.factory.name}(`);
        expect(samples[0].source).toContain(`client.${op.operationId}(`);
        expect(samples[1].source).toMatch(/^curl --request /m);
      }
    }
  });
});

describe("curl samples send what the spec documents", () => {
  it.each(apis.map((a) => [a.id, a] as const))("%s", async (id, api) => {
    const expected = EXPECTED[id];
    if (!expected) throw new Error(`no expectation for ${id}: add one to EXPECTED in tools/docs/test/samples.test.ts`);
    const spec = readSpec(api);
    const serverOrigin = new URL(
      api.api.servers[0]?.url.replace(/\{(\w+)\}/g, (_, v: string) => api.api.servers[0]?.variables[v]?.default ?? v) ?? "",
    ).origin;
    for (const op of Object.values(api.api.operations)) {
      const sample = curlSample(spec, api, op);
      if (id.startsWith("aws-")) {
        expect(sample).toContain(`--aws-sigv4 "aws:amz:us-east-1:${id === "aws-qbusiness" ? "qbusiness" : "security-ir"}"`);
        expect(sample).toContain('--user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY"');
      }
      expect(sample.split(serverOrigin).length, `the sample targets ${serverOrigin}`).toBe(2);
      const local = sample.replace(serverOrigin, origin);
      const before = received.length;
      await run("bash", ["-c", local], { env: { ...process.env, ...ENV }, timeout: 15_000 });
      expect(received.length).toBe(before + 1);
      const got = received[received.length - 1] as Received;
      expect(got.method).toBe(expected.method);
      expect(got.url).toBe(expected.path);
      expect(got.headers.authorization ?? "").toMatch(expected.auth);
      for (const [name, value] of Object.entries(expected.headers ?? {})) expect(got.headers[name]).toBe(value);
      if (expected.body === undefined) expect(got.body).toBe("");
      else expect(JSON.parse(got.body)).toEqual(expected.body);
    }
  });
});

describe("TypeScript samples compile against the built packages", () => {
  const dir = join(pkgDir, "test", ".samples");

  function writeProject(name: string, files: Record<string, string>): string {
    const project = join(dir, name);
    rmSync(project, { recursive: true, force: true });
    mkdirSync(project, { recursive: true });
    writeFileSync(
      join(project, "tsconfig.json"),
      JSON.stringify({
        extends: "../../../../../tsconfig.base.json",
        compilerOptions: { noEmit: true, rootDir: ".", types: ["node"], declaration: false, declarationMap: false },
        include: ["*.ts"],
      }),
    );
    for (const [file, source] of Object.entries(files)) writeFileSync(join(project, file), source);
    return project;
  }

  async function typecheck(project: string): Promise<{ code: number; output: string }> {
    try {
      const { stdout } = await run(join(pkgDir, "node_modules", ".bin", "tsgo"), ["-p", join(project, "tsconfig.json")]);
      return { code: 0, output: stdout };
    } catch (err) {
      const e = err as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof e.code === "number" ? e.code : 1, output: `${e.stdout ?? ""}${e.stderr ?? ""}` };
    }
  }

  const samples: Record<string, string> = {};
  for (const api of apis) {
    const spec = readSpec(api);
    for (const op of Object.values(api.api.operations)) samples[`${api.id}.${op.operationId}.ts`] = typescriptSample(spec, api, op);
  }

  it("every sample type-checks (strict, NodeNext, as a consumer would compile it)", async () => {
    const result = await typecheck(writeProject("ok", samples));
    expect(result.output).toBe("");
    expect(result.code).toBe(0);
  });

  it("the check catches a wrong input (control)", async () => {
    const [file, source] = Object.entries(samples)[0] as [string, string];
    const broken = source.replace(/await client\.(\w+)\(\{/, "await client.$1({\n  notAParameter: 1,");
    expect(broken).not.toBe(source);
    const result = await typecheck(writeProject("broken", { [file]: broken }));
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("notAParameter");
  });
});
