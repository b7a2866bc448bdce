import { mkdirSync, mkdtempSync, openAsBlob, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { OperationDef } from "@subscription-apis/runtime";
import type { ApiDescriptor } from "@subscription-apis/runtime/internal";
import { type Received, send as answer, startServer, type TestServer } from "@subscription-apis/test-kit";
import { expectedAuthorizationManual } from "@subscription-apis/test-kit/aws";
import { run, runOk } from "@subscription-apis/test-kit/proc";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { curlSample, docsSpec, findRoot, isFileInput, loadDocsApis, placedInput, typescriptSample } from "../src/index.js";

const root = findRoot(fileURLToPath(new URL(".", import.meta.url)));
const pkgDir = fileURLToPath(new URL("..", import.meta.url));
const apis = await loadDocsApis(root);
// The codegen wire fixture: form-encoded (bracket keys), multipart, text and binary bodies.
const fixture = new URL("../../codegen/test/fixtures/wire/src/generated/descriptor.ts", import.meta.url).href;
const wire = ((await import(fixture)) as { descriptor: ApiDescriptor }).descriptor;

let server: TestServer;
/** Where curl runs: the local files a sample uploads (`@invoice.pdf`) are there. */
const cwd = mkdtempSync(join(tmpdir(), "sapi-docs-curl-"));
const FILE_BYTES = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x0d, 0x0a]);

beforeAll(async () => {
  server = await startServer();
  server.handle((_req, res) => answer(res, 200, {}));
});
afterAll(async () => {
  await server.close();
  rmSync(cwd, { recursive: true, force: true });
});

describe("x-codeSamples", () => {
  it("every operation gets a TypeScript and a curl x-codeSamples entry", () => {
    for (const api of apis) {
      const spec = docsSpec(api);
      for (const op of Object.values(api.api.operations)) {
        const samples = spec.paths[op.path][op.method]["x-codeSamples"];
        expect(samples.map((s: { label: string }) => s.label)).toEqual(["TypeScript", "curl"]);
        expect(samples[0].source).toContain(`${api.descriptor.factories.client}(`);
        expect(samples[0].source).toContain(`client.${op.operationId}(`);
        expect(samples[1].source).toMatch(/^curl --request /m);
      }
    }
  });

  it("a styled parameter the curl line cannot express is refused, naming it", () => {
    expect(() => curlSample(wire, "findThings")).toThrow(/^wire\.findThings: path parameter ids \(simple\) has no curl form/);
  });
});

/** The inputs the TypeScript sample reads from a local file (named by the example): file parts, a binary body. */
const fileInputs = (d: ApiDescriptor, op: OperationDef) => placedInput(d, op).filter(({ param }) => isFileInput(op, param));

/** The parts of a multipart body: name, Content-Type and bytes (the boundary and file names are free). */
function multipartParts(req: Received): string[] {
  const boundary = /boundary=(.+)$/.exec(String(req.headers["content-type"]))?.[1] ?? "";
  return req.body
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((part) => {
      const [head = "", ...body] = part.slice(2, -2).split("\r\n\r\n");
      const name = /name="([^"]*)"/.exec(head)?.[1];
      return `${name} ${/content-type: (.+)/i.exec(head)?.[1] ?? "-"} ${JSON.stringify(body.join("\r\n\r\n"))}`;
    });
}

/**
 * The curl sample of every operation and the generated client, given the same inputs (the spec's examples, as the
 * TypeScript sample passes them), must put the same request on the wire: two independent implementations (the docs
 * generator's curl line, run by curl; the runtime's request builder) checked against each other. SigV4 requests
 * (curl's --aws-sigv4 and the client's signer) must also pass two independent verifiers.
 */
describe("each curl sample sends what the client sends", () => {
  async function byCurl(d: ApiDescriptor, operationId: string, base: URL): Promise<Received> {
    const sample = curlSample(d, operationId);
    expect(sample, `the sample targets ${base.origin}`).toContain(`"${base.origin}/`);
    // The environment the sample reads, with the fake values of the descriptor's options.
    const options = d.fakeOptions(server.origin) as Record<string, Record<string, unknown>>;
    const env = Object.fromEntries(d.env.map((e) => [e.name, String(e.option.split(".").reduce<any>((o, k) => o?.[k], options))]));
    const before = server.received.length;
    await runOk("bash", ["-c", sample.replace(`"${base.origin}/`, `"${server.origin}/`)], { cwd, env: { ...process.env, ...env } });
    expect(server.received.length).toBe(before + 1);
    return server.received.at(-1)!;
  }

  async function byClient(d: ApiDescriptor, op: OperationDef, base: URL): Promise<Received> {
    const client = d.createClient({ ...d.fakeOptions(`${server.origin}${base.pathname.replace(/\/$/, "")}`), retry: { maxAttempts: 1 } });
    // The TypeScript sample's input: a file part or a binary body is the named local file.
    const input: Record<string, unknown> = { ...d.operations[op.operationId]!.exampleInput };
    for (const { param, value } of fileInputs(d, op)) {
      const type = op.body?.encoding?.[param.name]?.contentType ?? op.body?.contentType;
      input[param.key] = await openAsBlob(join(cwd, String(value)), { type });
    }
    const before = server.received.length;
    await client[op.operationId](input);
    expect(server.received.length).toBe(before + 1);
    return server.received.at(-1)!;
  }

  const cases = [...apis.map((a) => a.descriptor), wire].flatMap((d) =>
    Object.values(d.api.operations)
      .filter((op) => op.operationId !== "findThings")
      .map((op) => [`${d.id} ${op.operationId}`, d, op] as const),
  );
  it.each(cases)("%s", async (_name, d, op) => {
    for (const { value } of fileInputs(d, op)) writeFileSync(join(cwd, String(value)), FILE_BYTES);
    const server0 = d.api.servers[0]!;
    const base = new URL(server0.url.replace(/\{(\w+)\}/g, (_, v: string) => server0.variables[v]?.default ?? v));
    const curl = await byCurl(d, op.operationId, base);
    const client = await byClient(d, op, base);

    expect(curl.method).toBe(op.method.toUpperCase());
    expect(curl.method).toBe(client.method);
    // A SigV4 sample sorts the query by name (what curl signs): the same pairs in another order.
    const asSent = (url: string) => (d.auth.kind === "sigv4" ? url.split(/[?&]/).sort() : [url]);
    expect(asSent(curl.url)).toEqual(asSent(client.url));
    const media = op.body?.contentType ?? "";
    if (media === "multipart/form-data") {
      expect(curl.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
      expect(client.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
      expect(multipartParts(curl)).toEqual(multipartParts(client));
    } else if (media.includes("json")) {
      const curlBody = curl.body === "" ? undefined : JSON.parse(curl.body);
      const clientBody = client.body === "" ? undefined : JSON.parse(client.body);
      // The idempotency token the sample leaves out is filled in by the client with a UUID.
      const token = op.params.find((p) => p.key === d.operations[op.operationId]!.idempotencyToken);
      if (token) {
        expect(clientBody[token.name], `${token.name}: the client's idempotency token`).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-/);
        delete clientBody[token.name];
      }
      expect(curlBody).toEqual(clientBody);
    } else {
      // Form bodies byte for byte (bracket keys, percent-encoding), text and binary bodies as they are.
      expect(curl.body).toBe(client.body);
    }
    if (media && media !== "multipart/form-data") expect(curl.headers["content-type"]).toBe(client.headers["content-type"]);
    if (d.auth.kind === "sigv4") {
      for (const req of [curl, client]) {
        const key = { ...d.auth, service: d.auth.signingName };
        // What a server computes from the request it received (curl signs fewer headers than the SDK signer).
        expect(req.headers.authorization, `${req === curl ? "curl" : "client"} signature`).toBe(expectedAuthorizationManual(req, key));
      }
    } else if (d.auth.kind === "header") {
      expect(curl.headers[d.auth.header]).toBe(d.auth.value);
      expect(client.headers[d.auth.header]).toBe(d.auth.value);
    }
    for (const p of op.params.filter((p) => p.in === "header")) {
      const name = p.name.toLowerCase();
      if (p.required) expect(curl.headers[name], name).toBeDefined();
      if (curl.headers[name] !== undefined) expect(curl.headers[name], name).toBe(client.headers[name]);
    }
  });
});

describe("TypeScript samples compile against the built packages", () => {
  const dir = join(pkgDir, "test", ".samples");

  /** tsgo over the files in test/.samples/<name>/, as a consumer of the built packages compiles them. */
  async function typecheck(name: string, files: Record<string, string>): Promise<{ code: number; output: string }> {
    const project = join(dir, name);
    rmSync(project, { recursive: true, force: true });
    mkdirSync(project, { recursive: true });
    const compilerOptions = { noEmit: true, rootDir: ".", types: ["node"], declaration: false, declarationMap: false };
    writeFileSync(
      join(project, "tsconfig.json"),
      JSON.stringify({ extends: "../../../../../tsconfig.base.json", compilerOptions, include: ["*.ts"] }),
    );
    for (const [file, source] of Object.entries(files)) writeFileSync(join(project, file), source);
    const { code, stdout, stderr } = await run(join(pkgDir, "node_modules", ".bin", "tsgo"), ["-p", join(project, "tsconfig.json")]);
    return { code, output: `${stdout}${stderr}` };
  }

  const samples: Record<string, string> = {};
  for (const { descriptor: d } of apis) for (const op of Object.keys(d.operations)) samples[`${d.id}.${op}.ts`] = typescriptSample(d, op);

  it("every sample type-checks (strict, NodeNext, as a consumer would compile it)", async () => {
    const result = await typecheck("ok", samples);
    expect(result.output).toBe("");
    expect(result.code).toBe(0);
  });

  it("the check catches a wrong input (control)", async () => {
    const [file, source] = Object.entries(samples)[0] as [string, string];
    const broken = source.replace(/await client\.(\w+)\(\{/, "await client.$1({\n  notAParameter: 1,");
    expect(broken).not.toBe(source);
    const result = await typecheck("broken", { [file]: broken });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("notAParameter");
  });
});
