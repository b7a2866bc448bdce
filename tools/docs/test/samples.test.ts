import { execFile } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectedAuthorizationManual } from "@subscription-apis/test-kit/aws";
import { type Received, send as answer, startServer, type TestServer } from "@subscription-apis/test-kit";
import {
  curlSample,
  deref,
  exampleInput,
  FAKE_AWS_CREDENTIALS,
  fakeClientOptions,
  fakeEnv,
  docsSpec,
  findRoot,
  loadDocsApis,
  readSpec,
  typescriptSample,
  type DocsApi,
  type Json,
} from "../src/index.js";

const run = promisify(execFile);
const root = findRoot(fileURLToPath(new URL(".", import.meta.url)));
const pkgDir = fileURLToPath(new URL("..", import.meta.url));
const apis: DocsApi[] = await loadDocsApis(root);

const AWS_KEY = FAKE_AWS_CREDENTIALS;

let server: TestServer;
let origin: string;
const received = () => server.received;

beforeAll(async () => {
  server = await startServer();
  server.handle((_req, res) => answer(res, 200, {}));
  origin = server.origin;
});

afterAll(() => server.close());

describe("x-codeSamples", () => {
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

/**
 * The curl sample of every operation and the generated client, given the same inputs (the spec's examples, as the
 * TypeScript sample passes them), must put the same request on the wire: two independent implementations (the docs
 * generator's curl line, run by curl; the runtime's request builder) checked against each other. SigV4 requests
 * (curl's --aws-sigv4 and the client's signer) must also pass two independent verifiers.
 */
describe("each curl sample sends what the client sends", () => {
  async function send(sample: string, serverOrigin: string): Promise<Received> {
    expect(sample, `the sample targets ${serverOrigin}`).toContain(`"${serverOrigin}/`);
    const env = Object.fromEntries([...sample.matchAll(/\$([A-Z][A-Z0-9_]+)/g)].map(([, n]) => [n as string, fakeEnv(n as string)]));
    const before = received().length;
    await run("bash", ["-c", sample.replace(`"${serverOrigin}/`, `"${origin}/`)], { env: { ...process.env, ...env } });
    expect(received().length).toBe(before + 1);
    return received()[received().length - 1] as Received;
  }

  const cases = apis.flatMap((api) => Object.values(api.api.operations).map((op) => [`${api.id} ${op.operationId}`, api, op] as const));
  it.each(cases)("%s", async (_name, api, op) => {
    const spec = readSpec(api);
    const target = new URL(
      api.api.servers[0]?.url.replace(/\{(\w+)\}/g, (_, v: string) => api.api.servers[0]?.variables[v]?.default ?? v) ?? "",
    );
    const curl = curlSample(spec, api, op);
    const byCurl = await send(curl, target.origin);

    const mod = (await import(api.packageName)) as Record<string, (o: unknown) => Record<string, (i: unknown) => Promise<unknown>>>;
    // The sample's options with the same fake credentials curl read from the environment.
    const { options } = fakeClientOptions(api, spec);
    const client = mod[api.factory.name]!({
      ...options,
      baseUrl: `${origin}${target.pathname.replace(/\/$/, "")}`,
      retry: { maxAttempts: 1 },
    });
    const input = exampleInput(api, spec, op);
    const before = received().length;
    await client[op.operationId]!(input);
    expect(received().length).toBe(before + 1);
    const byClient = received()[received().length - 1] as Received;

    expect(byCurl.method).toBe(op.method.toUpperCase());
    expect(byCurl.method).toBe(byClient.method);
    expect(byCurl.url).toBe(byClient.url);
    const curlBody = byCurl.body === "" ? undefined : JSON.parse(byCurl.body);
    const clientBody = byClient.body === "" ? undefined : JSON.parse(byClient.body);
    // An idempotency token (`x-idempotency-token`) the sample leaves out is filled in by the client with a UUID.
    const operation = spec.paths[op.path][op.method];
    const media = deref(spec, deref(spec, operation.requestBody)?.content?.["application/json"]?.schema);
    for (const [name, prop] of Object.entries<Json>(media?.properties ?? {})) {
      if (deref(spec, prop)?.["x-idempotency-token"] !== true || curlBody?.[name] !== undefined) continue;
      expect(clientBody?.[name], `${name}: the client's idempotency token`).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      delete clientBody[name];
    }
    expect(curlBody).toEqual(clientBody);
    expect(byCurl.headers["content-type"]).toBe(byClient.headers["content-type"]);
    const signing = Object.values(api.api.securitySchemes).find((s) => s.signingName)?.signingName;
    if (signing) {
      const key = { ...AWS_KEY, region: api.api.servers[0]?.variables.region?.default ?? "", service: signing };
      for (const req of [byCurl, byClient]) {
        expect(req.headers.authorization).toMatch(
          new RegExp(`^AWS4-HMAC-SHA256 Credential=${key.accessKeyId}/\\d{8}/${key.region}/${signing}/aws4_request, `),
        );
        // What a server computes from the request it received (curl signs fewer headers than the SDK signer).
        expect(req.headers.authorization, `${req === byCurl ? "curl" : "client"} signature`).toBe(expectedAuthorizationManual(req, key));
      }
    } else {
      for (const name of ["authorization", ...Object.keys(byClient.headers).filter((h) => h.startsWith("x-tenant"))])
        expect(byCurl.headers[name], name).toBe(byClient.headers[name]);
      expect(byCurl.headers.authorization ?? "").not.toBe("");
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
