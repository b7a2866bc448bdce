/**
 * The spec-driven conformance suite of a client package: `describeApi(pkg)` walks the package's generated operation
 * data (`api`), spec examples (`examples`) and descriptor (factory, fake credentials, auth check) against the
 * recording server and checks, for every operation,
 *   - the example input → exactly the request the spec describes (method, path, query, header parameters, JSON body,
 *     `Accept`: the documented success content types, JSON unless the operation says otherwise) with the API's authentication (the descriptor's header/query value, or SigV4 by two independent verifiers);
 *   - the success example → the typed `data`;
 *   - every documented error (AWS: every documented error code; otherwise every documented status) → its `code`,
 *     with no fake secret in the error;
 *   - the generated mock (`./testing`, `create<Name>Mock`) is bound to this API: it accepts every operation's example
 *     input with the API's auth and answers its success example; on the cancel operation, each documented error
 *     scenario by its `code`.
 * What the runtime does with those requests (retries, timeouts, redaction, ...) is tested once, in packages/runtime
 * and tools/reliability; this suite only proves each API's data reaches the wire and comes back as documented.
 */
import type { ApiDescriptor } from "@subscription-apis/runtime/internal";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type SigV4Key, signatureIsValid } from "./aws.js";
import { expectNoSecrets, type Received, send, startServer, type TestServer } from "./server.js";

/** The parts of the generated `api` (runtime `ApiDef`) this suite reads. */
export interface ConformanceApi {
  id: string;
  protocol: string;
  operations: Readonly<
    Record<
      string,
      {
        operationId: string;
        method: string;
        path: string;
        params: readonly { name: string; in: string; key: string }[];
        alternatives?: readonly { key: string; default: string }[];
        success: readonly number[];
        errors: Readonly<Record<string, { code: string }>>;
        errorCodes?: Readonly<Record<string, { status: number }>>;
        /** The `Accept` of a non-JSON success response (absent: `application/json`). */
        accept?: string;
      }
    >
  >;
}

/** `true` when X and Y are the same type. */
type Same<X, Y> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? true : false;
/** The typed errors of an operation method, as `[code, status]` (UnknownError aside). */
type TypedErrors<F> = F extends (...args: never[]) => Promise<infer R>
  ? NonNullable<R extends unknown ? (R extends { error?: infer E } ? E : never) : never> extends infer E
    ? E extends { code: infer C; status: infer S }
      ? C extends "UnknownError"
        ? never
        : [C, S]
      : never
    : never
  : never;
/** The errors the operation data documents, as `[code, status]`: AWS by error code, otherwise by status. */
type DocumentedErrors<O> = O extends { errorCodes: infer EC extends Readonly<Record<string, { status: number }>> }
  ? { [C in keyof EC]: [C, EC[C]["status"]] }[keyof EC]
  : O extends { errors: infer ER extends Readonly<Record<string, { code: string }>> }
    ? { [S in Exclude<keyof ER, "default">]: [ER[S]["code"], S extends `${infer N extends number}` ? N : never] }[Exclude<
        keyof ER,
        "default"
      >]
    : never;
/**
 * The type-level half of the suite, for a package's typecheck: the operations (of the generated `api`) whose method
 * in `Operations` is missing, or whose typed error codes and statuses or input keys differ from the documented ones
 * (`never` when all agree): `expectTypeOf<TypeMismatches<typeof api, Operations>>().toEqualTypeOf<never>()`.
 */
export type TypeMismatches<A extends { operations: object }, Ops> = {
  [K in keyof A["operations"] & string]: K extends keyof Ops
    ? Same<TypedErrors<Ops[K]>, DocumentedErrors<A["operations"][K]>> extends false
      ? `${K}: error codes`
      : A["operations"][K] extends { params: readonly { key: infer P }[] }
        ? Ops[K] extends (input: infer I, ...rest: never[]) => unknown
          ? Same<keyof I, P> extends true
            ? never
            : `${K}: input keys`
          : `${K}: not a method`
        : never
    : `${K}: no method`;
}[keyof A["operations"] & string];

/** The parts of the generated mock (runtime `Mock`) this suite uses. */
interface ConformanceMock {
  fetch: (request: Request) => Promise<Response>;
  credentials: { accessKeyId: string; secretAccessKey: string };
  region: string;
  scenario(operationId: string, scenario: { status: number } | { error: string }): void;
}

interface ConformanceOptions {
  api: ConformanceApi;
  examples: Readonly<Record<string, unknown>>;
  descriptor: ApiDescriptor;
  createMock: (options: { baseUrl: string }) => ConformanceMock;
}

const MOCK_URL = "https://mock.invalid/base";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
type Op = ConformanceApi["operations"][string];
type Result = { data?: unknown; error?: { code: string; status: number } };

/** The first example under `prefix` (a named example or `example`), if any. */
function exampleAt(examples: ConformanceOptions["examples"], prefix: string): { found: boolean; value?: unknown } {
  const key = Object.keys(examples).find((k) => k.startsWith(prefix));
  return key === undefined ? { found: false } : { found: true, value: examples[key] };
}

/** The call input built from the spec's examples, and the request the spec says it makes. */
export function exampleRequest(op: Op, examples: ConformanceOptions["examples"]) {
  const input: Record<string, unknown> = {};
  const body = exampleAt(examples, `${op.operationId}.requestBody.`).value as Record<string, unknown> | undefined;
  let path = op.path;
  const query = new URLSearchParams();
  const headers: Record<string, string> = {};
  let sentBody: unknown;
  for (const p of op.params) {
    const alternative = op.alternatives?.find((a) => a.key === p.key);
    if (alternative && alternative.default !== p.in) continue;
    // A parameter with alternative locations takes the example of any of them.
    const value =
      p.in === "body"
        ? p.name === ""
          ? body
          : (body?.[p.name] ?? (alternative ? exampleAt(examples, `${op.operationId}.parameters.query.${p.name}`).value : undefined))
        : examples[`${op.operationId}.parameters.${p.in}.${p.name}`];
    if (value === undefined) continue;
    input[p.key] = value;
    if (p.in === "path") path = path.replace(`{${p.name}}`, encodeURIComponent(String(value)));
    else if (p.in === "query") for (const v of Array.isArray(value) ? value : [value]) query.append(p.name, String(v));
    else if (p.in === "header") headers[p.name.toLowerCase()] = String(value);
    else if (p.name === "") sentBody = value;
    else sentBody = { ...(sentBody as object), [p.name]: value };
  }
  return { input, method: op.method.toUpperCase(), path, query: [...query].sort(), headers, body: sentBody };
}

/** AWS: an error is identified by its code (X-Amzn-Errortype); any other API: by its documented status. */
function documentedErrors(op: Op): { code: string; status: number; example: string }[] {
  return op.errorCodes
    ? Object.entries(op.errorCodes).map(([code, { status }]) => ({ code, status, example: `${status}.${code}` }))
    : Object.entries(op.errors)
        .filter(([status]) => status !== "default")
        .map(([status, { code }]) => ({ code, status: Number(status), example: `${status}.` }));
}

/**
 * The suite for the package at `pkg` (its folder URL): reads the built `api` (`dist/index.js`), the generated
 * `examples` and `descriptor` (`dist/generated/`).
 */
export async function describeApi(pkg: URL): Promise<void> {
  const load = async (file: string) => (await import(new URL(file, pkg).href)) as Record<string, unknown>;
  const { api } = (await load("dist/index.js")) as { api: ConformanceApi };
  const { examples } = (await load("dist/generated/examples.js")) as { examples: ConformanceOptions["examples"] };
  const { descriptor } = (await load("dist/generated/descriptor.js")) as { descriptor: ApiDescriptor };
  const testing = await load("dist/generated/testing.js");
  const createMock = testing[`create${descriptor.name}Mock`] as ConformanceOptions["createMock"];
  suite({ api, examples, descriptor, createMock });
}

/** Does the request carry the descriptor's authentication? */
async function authentic(d: ApiDescriptor, req: Received): Promise<boolean> {
  const a = d.auth;
  if (a.kind === "header") return req.headers[a.header] === a.value;
  if (a.kind === "query") return new URL(req.url, "http://x").searchParams.get(a.name) === a.value;
  const key: SigV4Key = { accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey, service: a.signingName, region: a.region };
  return signatureIsValid(req, key);
}

function suite(o: ConformanceOptions): void {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterEach(() => server.reset());
  afterAll(() => server.close());
  const d = o.descriptor;
  const call = (op: Op, input: unknown) =>
    (
      d.createClient({ ...d.fakeOptions(`${server.origin}/base`), retry: { maxAttempts: 1 } }) as Record<
        string,
        (input: unknown) => Promise<Result>
      >
    )[op.operationId]!(input);

  // The binding of `create<Name>Mock` to this API: every operation's example, and on the cancel operation each
  // documented error scenario (what the mock does is packages/runtime's).
  const cancel = o.api.operations[d.cancelOperation]!;
  const cancelErrors = documentedErrors(cancel);
  it(`the generated mock answers every operation's example input with its example, and ${cancel.operationId}'s documented error scenarios`, async () => {
    const mock = o.createMock({ baseUrl: MOCK_URL });
    const aws = d.auth.kind === "sigv4" ? { region: mock.region, credentials: mock.credentials } : {};
    const client = d.createClient({ ...d.fakeOptions(MOCK_URL), ...aws, fetch: mock.fetch, retry: { maxAttempts: 1 } }) as Record<
      string,
      (input: unknown) => Promise<Result>
    >;
    for (const op of Object.values(o.api.operations)) {
      const { data, error } = await client[op.operationId]!(exampleRequest(op, o.examples).input);
      expect(error, op.operationId).toBeUndefined();
      expect(data, op.operationId).toEqual(exampleAt(o.examples, `${op.operationId}.responses.${op.success[0]}.`).value);
    }
    const { input } = exampleRequest(cancel, o.examples);
    for (const e of cancelErrors) {
      mock.scenario(cancel.operationId, cancel.errorCodes ? { error: e.code } : { status: e.status });
      const { error } = await client[cancel.operationId]!(input);
      expect([error?.status, error?.code]).toEqual([e.status, e.code]);
    }
  });

  describe.each(Object.values(o.api.operations).map((op) => [op.operationId, op] as const))(`${o.api.id} %s`, (name, op) => {
    it("sends the spec example as documented, with the API's auth, and returns the success example as data", async () => {
      const status = op.success[0]!;
      const success = exampleAt(o.examples, `${name}.responses.${status}.`);
      server.handle((_req, res) => send(res, status, success.value));
      const want = exampleRequest(op, o.examples);
      const { data, error } = await call(op, want.input);
      expect(error).toBeUndefined();
      expect(data).toEqual(success.value);
      expect(server.received).toHaveLength(1);
      const req = server.received[0]!;
      const url = new URL(req.url, "http://x");
      expect([req.method, url.pathname, [...url.searchParams].sort()]).toEqual([want.method, `/base${want.path}`, want.query]);
      for (const [header, value] of Object.entries(want.headers)) expect(req.headers[header], header).toBe(value);
      expect(req.headers.accept, "accept").toBe(op.accept ?? "application/json");
      if (want.body === undefined) expect(req.body).toBe("");
      else {
        expect(req.headers["content-type"]).toBe("application/json");
        // A body member the example leaves out may only be an idempotency token the client filled in (a fresh UUID).
        const sent = JSON.parse(req.body) as Record<string, unknown>;
        const isObject = (v: unknown) => typeof v === "object" && v !== null && !Array.isArray(v);
        const filled =
          !isObject(sent) || !isObject(want.body)
            ? []
            : Object.keys(sent).filter((k) => !(k in (want.body as object)) && op.params.some((p) => p.in === "body" && p.name === k));
        for (const k of filled) expect(sent[k], k).toMatch(UUID);
        expect(sent).toEqual(filled.length ? { ...want.body, ...Object.fromEntries(filled.map((k) => [k, sent[k]])) } : want.body);
      }
      expect(await authentic(d, req), `authentication of ${JSON.stringify(req.headers)}`).toBe(true);
    });

    const errors = documentedErrors(op);
    if (errors.length > 0)
      it(`maps every documented error to its code: ${errors.map((e) => e.code).join(", ")}`, async () => {
        const { input } = exampleRequest(op, o.examples);
        for (const e of errors) {
          const example = exampleAt(o.examples, `${name}.responses.${e.example}`);
          const body = example.found
            ? example.value
            : (exampleAt(o.examples, `${name}.responses.${e.status}.`).value ?? { message: e.code });
          server.handle((_req, res) => send(res, e.status, body, op.errorCodes ? { "x-amzn-errortype": e.code } : {}));
          const { data, error } = await call(op, input);
          expect(data, e.code).toBeUndefined();
          expect([error?.status, error?.code]).toEqual([e.status, e.code]);
          expectNoSecrets(error, d.secrets);
        }
      });
  });
}
