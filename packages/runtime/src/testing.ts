/**
 * @subscription-apis/runtime/testing: a spec-driven mock of one API, for the tests of code that calls a client.
 * Each client package binds it to its generated `api` and `examples` (`@subscription-apis/<id>/testing`).
 *
 * It answers every operation with the spec's examples, checks each request the way the real API would (the
 * runtime's own constraint check, auth, and for AWS a SigV4 signature re-computed with the mock's fake keys) and
 * answers a request the real API would reject with the vendor's documented error. Per operation, a scenario
 * switches to a documented error, 429 + Retry-After, 5xx then success, a timeout, a connection reset, an empty or
 * truncated 2xx body or (AWS) a clock-skew rejection. `mock.fetch` needs nothing else; `mock.handlers` needs msw 2.x
 * (an optional peer dependency). Never imported by the runtime's main entry.
 */
import { createSigner } from "#signer";
import type { ApiDef, HttpMethod, OperationDef, ParamDef } from "./types.js";
import { parseJson } from "./transport.js";
import { checkConstraint } from "./validate.js";

type Msw = typeof import("msw");
// An optional peer: loaded when installed, so `mock.fetch` works without it.
const msw: Msw | undefined = await import("msw").catch(() => undefined);

type Ops<A extends ApiDef> = A["operations"];
type StatusOf<O extends OperationDef> =
  Exclude<keyof O["errors"], "default"> extends infer S ? (S extends `${infer N extends number}` ? N : never) : never;
type CodeOf<O extends OperationDef> = O["errorCodes"] extends Readonly<Record<string, unknown>> ? keyof O["errorCodes"] & string : never;

/** What one operation of the mock answers (until `mock.reset()` or the next `scenario` call for it). */
export type Scenario<O extends OperationDef = OperationDef> =
  /** The spec's success example (the default); `{ example: name }` picks a named one. */
  | "example"
  | { readonly example: string }
  /** A documented error response by status (`example`: one of its named examples). */
  | { readonly status: StatusOf<O> | (number & {}); readonly example?: string }
  /** A documented error by its AWS error code (`X-Amzn-Errortype`). */
  | { readonly error: CodeOf<O> }
  /** 429 with `Retry-After` (seconds) `times` times (default 1), then the example. */
  | { readonly throttle: { readonly retryAfter: number; readonly times?: number } }
  /** A documented 5xx (or `status`) `failTimes` times, then the example. */
  | { readonly failTimes: number; readonly status?: number }
  /** Never answers until the request is aborted (the client's timeout or signal). */
  | "timeout"
  /** The connection is reset: fetch rejects like undici (`TypeError: fetch failed`, cause ECONNRESET). */
  | "reset"
  /** 2xx with an empty body. */
  | "empty"
  /** 2xx with the example body cut in half. */
  | "truncated"
  /** AWS: the service's clock is 15 minutes ahead, so a request signed with the local clock is rejected as skewed
   *  (with the service's `Date`), and one re-signed after the client corrects its clock succeeds. */
  | "clockSkew";

export interface MockOptions {
  /** Also accept requests under this base URL (besides the spec's servers), e.g. a `baseUrl` given to the client. */
  baseUrl?: string;
  /** The mock service's clock (ms since epoch), for SigV4 date checks. Default `Date.now`. */
  now?: () => number;
  /** Check requests (auth, signature, parameters) and answer violations with the vendor's error. Default true. */
  checkRequests?: boolean;
}

/** One request the mock received. */
export interface MockRequest {
  /** The operation it matched (undefined: no operation of the API has this method and path). */
  readonly operationId: string | undefined;
  readonly method: string;
  readonly url: URL;
  readonly headers: Headers;
  /** The body parsed as JSON (the text when it is not JSON; undefined when empty). */
  readonly body: unknown;
  /** Why the mock rejected it as the real API would (undefined: it passed the checks). */
  readonly rejected: string | undefined;
  /** The status answered (undefined: no response — a timeout or a connection reset). */
  readonly status: number | undefined;
}

export interface Mock<A extends ApiDef = ApiDef> {
  /** Pass as the client's `fetch` option. */
  readonly fetch: (request: Request) => Promise<Response>;
  /**
   * msw 2.x request handlers: `setupServer(...mock.handlers)` or `server.use(...mock.handlers)`; throws when msw is
   * not installed. Typed `never[]` so that they spread into msw's functions without this package's types needing
   * msw's (an optional peer dependency).
   */
  readonly handlers: readonly never[];
  /** Every request received, in order. */
  readonly requests: readonly MockRequest[];
  /** AWS: the fake keys the mock verifies signatures with (pass as the client's `credentials`). */
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** AWS: the region the mock expects (the server's default). */
  readonly region: string;
  /** Switch what one operation answers. */
  scenario<K extends keyof Ops<A> & string>(operationId: K, scenario: Scenario<Ops<A>[K]>): void;
  /** Back to the examples for every operation; forget the recorded requests. */
  reset(): void;
}

const CREDENTIALS = { accessKeyId: "AKIDMOCKEXAMPLE", secretAccessKey: "mock-secret-access-key" } as const;
const SKEW_LIMIT_MS = 300_000;
const SKEW_AHEAD_MS = 900_000;
const RESET = Symbol("reset");
type Answer = Response | typeof RESET;

/** A request the real API would reject: where, and why. */
interface Rejection {
  readonly kind: "auth" | "signature" | "key" | "skew" | "validation";
  readonly location?: string;
  readonly message: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A server URL template as a regular expression of the URL prefix (`{region}` matches one host label). */
function serverPattern(url: string): RegExp {
  const parts = url.replace(/\/$/, "").split(/\{[^}]+\}/);
  return new RegExp(`^${parts.map(escapeRegExp).join("[^/.]+")}(?=/|$)`);
}

interface Route {
  readonly op: OperationDef;
  readonly re: RegExp;
  readonly names: readonly string[];
}

function route(op: OperationDef): Route {
  const names: string[] = [];
  const source = op.path
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const m = /^\{([^}]+)\}$/.exec(part);
      if (!m) return escapeRegExp(part);
      names.push(m[1] as string);
      return "([^/]+)";
    })
    .join("");
  return { op, re: new RegExp(`^${source}/?$`), names };
}

/** A query value as its schema types it (the wire only carries strings). */
function coerce(values: string[], p: ParamDef): unknown {
  const types = p.schema?.type === undefined ? [] : typeof p.schema.type === "string" ? [p.schema.type] : p.schema.type;
  if (types.includes("array")) return values;
  const value = values[0] as string;
  if ((types.includes("integer") || types.includes("number")) && value.trim() !== "" && !Number.isNaN(Number(value))) return Number(value);
  if (types.includes("boolean") && (value === "true" || value === "false")) return value === "true";
  return value;
}

/** The operation's inputs as the request carries them, keyed by location and wire name. */
function readParams(p: ParamDef, url: URL, headers: Headers, path: Record<string, string>, body: unknown): unknown {
  switch (p.in) {
    case "path":
      return p.name in path ? coerce([path[p.name] as string], p) : undefined;
    case "query": {
      const values = url.searchParams.getAll(p.name);
      return values.length ? coerce(values, p) : undefined;
    }
    case "header": {
      const value = headers.get(p.name);
      return value === null ? undefined : coerce([value], p);
    }
    case "body":
      if (p.name === "") return body;
      return body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>)[p.name] : undefined;
  }
}

/** Check the request's inputs with the runtime's own constraint check (what the client checks before sending). */
function checkInputs(
  op: OperationDef,
  url: URL,
  headers: Headers,
  path: Record<string, string>,
  text: string,
  body: unknown,
): Rejection | undefined {
  if (op.body && text !== "" && body === undefined) return { kind: "validation", location: "body", message: "the body is not valid JSON" };
  if (op.body?.required && body === undefined) return { kind: "validation", location: "body", message: "the request body is required" };
  const present = new Set<string>();
  for (const p of op.params) {
    const value = readParams(p, url, headers, path, body);
    const alt = op.alternatives?.some((a) => a.key === p.key);
    if (value === undefined || value === null) {
      if (value === null && p.in === "body" && !p.required) continue;
      if (p.required && !alt) return { kind: "validation", location: p.in, message: `${p.name} (${p.in}) is required` };
      continue;
    }
    present.add(p.key);
    const problem = checkConstraint(value, p.schema);
    if (problem) return { kind: "validation", location: p.in, message: `${p.name} (${p.in}) failed ${problem[0]}: ${problem[1]}` };
  }
  for (const alt of op.alternatives ?? []) {
    if (!present.has(alt.key))
      return { kind: "validation", location: alt.default, message: `${alt.key} is required in one of: ${alt.locations.join(", ")}` };
  }
  return undefined;
}

/** `Authorization: AWS4-HMAC-SHA256 Credential=…/date/region/service/aws4_request, SignedHeaders=…, Signature=…` */
const SIGV4 =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]+)$/;

function amzDate(value: string | null): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? "");
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : Number.NaN;
}

/** Verify a SigV4 request by signing it again with the mock's keys (the runtime's own signer) and comparing. */
async function checkSigV4(req: Request, text: string, signingName: string, serverNow: number): Promise<Rejection | undefined> {
  const m = SIGV4.exec(req.headers.get("authorization") ?? "");
  if (!m) return { kind: "auth", message: "Missing Authentication Token: the request is not signed with AWS Signature Version 4" };
  const [, keyId, , region, service, signedHeaders, signature] = m as unknown as string[];
  if (keyId !== CREDENTIALS.accessKeyId) return { kind: "key", message: "The security token included in the request is invalid." };
  const date = amzDate(req.headers.get("x-amz-date"));
  if (Number.isNaN(date))
    return { kind: "auth", message: "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header." };
  if (Math.abs(date - serverNow) > SKEW_LIMIT_MS) {
    return {
      kind: "skew",
      message: `Signature expired: ${req.headers.get("x-amz-date")} is now earlier or later than the service's clock allows (5 min).`,
    };
  }
  if (service !== signingName) return { kind: "signature", message: `Credential should be scoped to correct service: '${signingName}'.` };
  const headers = new Headers();
  for (const name of (signedHeaders as string).split(";")) {
    const value = req.headers.get(name);
    if (name !== "host" && value !== null) headers.set(name, value);
  }
  const copy = { url: new URL(req.url), method: req.method, headers, body: text === "" ? undefined : text };
  await createSigner({ service: signingName, region: region as string, credentials: async () => CREDENTIALS })(copy, new Date(date));
  const expected = SIGV4.exec(headers.get("authorization") ?? "")?.[6];
  if (expected !== signature) {
    return {
      kind: "signature",
      message:
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.",
    };
  }
  return undefined;
}

/** Plain schemes: the credential must be sent where and how the spec says (any one scheme suffices). */
function checkAuth(api: ApiDef, headers: Headers, url: URL): Rejection | undefined {
  const schemes = Object.values(api.securitySchemes);
  if (schemes.length === 0) return undefined;
  const auth = headers.get("authorization") ?? "";
  const ok = schemes.some((s) => {
    if (s.type === "oauth2" || (s.type === "http" && s.scheme === "bearer")) return /^Bearer \S/.test(auth);
    if (s.type === "http" && s.scheme === "basic") return /^Basic \S/.test(auth);
    if (s.type === "apiKey" && s.name) return s.in === "query" ? !!url.searchParams.get(s.name) : !!headers.get(s.name)?.trim();
    return false;
  });
  if (ok) return undefined;
  const expected = schemes.map((s) => (s.type === "apiKey" ? `${s.name} (${s.in})` : `${s.scheme ?? s.type} (Authorization)`));
  return { kind: "auth", message: `missing or wrong credentials: expected ${expected.join(" or ")}` };
}

/** Create the mock of one API from its generated data and examples (what `create<Name>Mock` calls). */
export function createMock<const A extends ApiDef>(
  api: A,
  examples: Readonly<Record<string, unknown>>,
  options: MockOptions = {},
): Mock<A> {
  const now = options.now ?? Date.now;
  const check = options.checkRequests ?? true;
  const aws = api.protocol === "aws-rest-json";
  const signingName = Object.values(api.securitySchemes).find((s) => s.signingName)?.signingName;
  const servers = [...api.servers.map((s) => s.url), ...(options.baseUrl ? [options.baseUrl] : [])].map(serverPattern);
  const routes = Object.values(api.operations).map(route);
  const region = api.servers[0]?.variables.region?.default ?? "us-east-1";
  const tokenUrls = new Set(Object.values(api.securitySchemes).flatMap((s) => (s.tokenUrl ? [s.tokenUrl] : [])));
  const scenarios = new Map<string, { scenario: Scenario; left: number }>();
  const requests: MockRequest[] = [];

  /** Named examples of one response: `op.responses.<status>.<name>` from the generated `examples`. */
  function responseExamples(op: OperationDef, status: string): [name: string, value: unknown][] {
    const prefix = `${op.operationId}.responses.${status}.`;
    return Object.entries(examples).flatMap(([k, v]) => (k.startsWith(prefix) ? [[k.slice(prefix.length), v] as [string, unknown]] : []));
  }

  function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
    const text = body === undefined ? null : JSON.stringify(body);
    return new Response(status === 204 || status === 304 ? null : text, {
      status,
      headers: { ...(text === null ? {} : { "content-type": "application/json" }), ...headers },
    });
  }

  function success(op: OperationDef, name?: string): Response {
    const status = op.success[0] ?? 200;
    const found = op.success.flatMap((s) => responseExamples(op, String(s)).map(([n, v]) => [s, n, v] as const));
    const hit = name === undefined ? found[0] : found.find(([, n]) => n === name);
    if (name !== undefined && !hit) {
      throw new Error(
        `${api.id} mock: ${op.operationId} has no success example "${name}" (it has: ${found.map(([, n]) => n).join(", ") || "none"})`,
      );
    }
    return json(hit?.[0] ?? status, hit?.[2]);
  }

  /** The AWS error code the spec documents for a status (or the first code with that status). */
  function codeFor(op: OperationDef, status: number, preferred?: string): string | undefined {
    if (!aws) return undefined;
    if (preferred && op.errorCodes?.[preferred]) return preferred;
    return Object.entries(op.errorCodes ?? {}).find(([, d]) => d.status === status)?.[0];
  }

  /** A documented error response: its status's example (named, else by code, else the first) with the code header. */
  function failure(
    op: OperationDef,
    status: number,
    opts: { code?: string; example?: string; message?: string; headers?: Record<string, string> } = {},
  ): Response {
    const key = op.errors[status] ? String(status) : "default";
    const named = responseExamples(op, key);
    const pick = (opts.example ?? opts.code) !== undefined ? named.find(([n]) => n === (opts.example ?? opts.code)) : undefined;
    if (opts.example !== undefined && !pick) {
      throw new Error(
        `${api.id} mock: ${op.operationId} has no ${status} example "${opts.example}" (it has: ${named.map(([n]) => n).join(", ") || "none"})`,
      );
    }
    let body = (pick ?? named[0])?.[1] ?? { message: opts.code ?? `HTTP ${status}` };
    if (opts.message !== undefined && body && typeof body === "object") {
      const field = ["message", "messages", "Message"].find((f) => typeof (body as Record<string, unknown>)[f] === "string") ?? "message";
      body = { ...(body as object), [field]: opts.message };
    }
    const code = opts.code ?? codeFor(op, status);
    const headers: Record<string, string> = { ...opts.headers };
    if (aws) {
      headers["x-amzn-requestid"] = globalThis.crypto.randomUUID();
      if (code) headers["x-amzn-errortype"] = code;
    }
    return json(status, body, headers);
  }

  function documentedStatus(op: OperationDef, wanted: readonly number[], fallback: number): number {
    return wanted.find((s) => op.errors[s] !== undefined) ?? fallback;
  }

  /** The vendor's answer to a request the real API would reject. */
  function reject(op: OperationDef, r: Rejection, serverNow: number): Response {
    if (aws) {
      const date = { date: new Date(serverNow).toUTCString() };
      switch (r.kind) {
        case "validation":
          return failure(op, 400, { code: "ValidationException", message: `1 validation error detected: ${r.message}` });
        case "skew": {
          const code = op.errorCodes?.RequestExpired ? "RequestExpired" : "InvalidSignatureException";
          return failure(op, op.errorCodes?.[code]?.status ?? 403, { code, message: r.message, headers: date });
        }
        case "key":
          return failure(op, 403, { code: "UnrecognizedClientException", message: r.message, headers: date });
        case "signature":
          return failure(op, 403, { code: "InvalidSignatureException", message: r.message, headers: date });
        case "auth":
          return failure(op, 403, {
            code: op.errorCodes?.IncompleteSignature ? "IncompleteSignature" : "MissingAuthenticationTokenException",
            message: r.message,
          });
      }
    }
    if (r.kind === "validation") {
      const named = responseExamples(op, "400").map(([n]) => n);
      const words = [r.location ?? "", "valid"];
      const example = words.map((w) => named.find((n) => w && n.toLowerCase().includes(w.toLowerCase()))).find((n) => n !== undefined);
      return failure(op, documentedStatus(op, [400, 422], 400), { ...(example ? { example } : {}), message: r.message });
    }
    return failure(op, documentedStatus(op, [401, 403], 401), { message: r.message });
  }

  /** What the scenario answers (undefined: the request goes on to the checks and the example). */
  async function scripted(op: OperationDef, request: Request): Promise<Answer | undefined> {
    const entry = scenarios.get(op.operationId);
    if (!entry) return undefined;
    const s = entry.scenario;
    switch (s) {
      case "example":
      case "clockSkew":
        return undefined;
      case "timeout":
        return new Promise<never>((_, fail) => {
          const signal = request.signal;
          if (signal.aborted) fail(signal.reason);
          signal.addEventListener("abort", () => fail(signal.reason), { once: true });
        });
      case "reset":
        return RESET;
      case "empty":
        return new Response(null, { status: op.success[0] ?? 200 });
      case "truncated": {
        const text = await success(op).text();
        return new Response(text.slice(0, Math.floor(text.length / 2)) || null, {
          status: op.success[0] ?? 200,
          headers: { "content-type": "application/json" },
        });
      }
    }
    if ("example" in s && !("status" in s)) return success(op, s.example);
    if ("status" in s && !("failTimes" in s)) return failure(op, s.status, s.example === undefined ? {} : { example: s.example });
    if ("error" in s) return failure(op, op.errorCodes?.[s.error]?.status ?? 400, { code: s.error });
    if (entry.left <= 0) return undefined;
    entry.left -= 1;
    if ("throttle" in s) {
      return failure(op, 429, {
        code: codeFor(op, 429, "ThrottlingException") ?? "",
        headers: { "retry-after": String(s.throttle.retryAfter) },
      });
    }
    return failure(op, s.status ?? documentedStatus(op, [503, 500, 502, 504], 500));
  }

  async function answer(request: Request): Promise<Answer> {
    const url = new URL(request.url);
    const text = request.method === "GET" || request.method === "HEAD" ? "" : await request.clone().text();
    const body = parseJson(text);
    const record = (operationId: string | undefined, rejected: string | undefined, status: number | undefined) =>
      requests.push({
        operationId,
        method: request.method,
        url,
        headers: new Headers(request.headers),
        body: body ?? (text || undefined),
        rejected,
        status,
      });

    if (tokenUrls.has(`${url.origin}${url.pathname}`) && request.method === "POST") {
      record(undefined, undefined, 200);
      return json(200, { access_token: "mock-access-token", token_type: "Bearer", expires_in: 3600 });
    }
    const base = servers.map((re) => re.exec(url.href.split(/[?#]/)[0] as string)?.[0]).find((m) => m !== undefined);
    const rest = base === undefined ? undefined : url.pathname.slice(new URL(base).pathname.replace(/\/$/, "").length);
    const method = request.method.toLowerCase() as HttpMethod;
    const hit =
      rest === undefined ? undefined : routes.map((r) => [r, r.re.exec(rest)] as const).find(([r, m]) => m && r.op.method === method);
    if (!hit) {
      record(undefined, "no operation matches", 404);
      const what =
        base === undefined ? `${url.origin} is not a server of ${api.id}` : `no operation of ${api.id} is ${request.method} ${rest}`;
      return json(404, { message: `mock: ${what}` });
    }
    const [{ op, names }, match] = hit;
    const path = Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match?.[i + 1] ?? "")]));
    const skewed = scenarios.get(op.operationId)?.scenario === "clockSkew";
    const serverNow = now() + (skewed ? SKEW_AHEAD_MS : 0);

    // Network faults happen before the service sees the request.
    const network = scenarios.get(op.operationId)?.scenario;
    let rejection: Rejection | undefined;
    if (check && network !== "timeout" && network !== "reset") {
      rejection =
        (signingName ? await checkSigV4(request, text, signingName, serverNow) : checkAuth(api, request.headers, url)) ??
        checkInputs(op, url, request.headers, path, text, body);
    }
    if (rejection) {
      const response = reject(op, rejection, serverNow);
      record(op.operationId, rejection.message, response.status);
      return response;
    }
    const out =
      (await scripted(op, request).catch((e: unknown) => {
        record(op.operationId, undefined, undefined);
        throw e;
      })) ?? success(op);
    record(op.operationId, undefined, out === RESET ? undefined : out.status);
    return out;
  }

  const mockFetch = async (request: Request): Promise<Response> => {
    const out = await answer(request);
    if (out === RESET) {
      throw new TypeError("fetch failed", { cause: Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET", syscall: "read" }) });
    }
    return out;
  };

  let handlers: never[] | undefined;
  return {
    fetch: mockFetch,
    get handlers() {
      if (!msw) throw new Error(`${api.id} mock: mock.handlers needs msw 2.x (npm i -D msw); mock.fetch works without it.`);
      const { http, HttpResponse } = msw;
      handlers ??= servers.map(
        (re) =>
          http.all(new RegExp(re.source), async ({ request }) => {
            const out = await answer(request);
            return out === RESET ? HttpResponse.error() : out;
          }) as never,
      );
      return handlers;
    },
    requests,
    credentials: CREDENTIALS,
    region,
    scenario(operationId, scenario) {
      const op = api.operations[operationId];
      if (!op) {
        throw new Error(`${api.id} mock: no operation "${String(operationId)}" (operations: ${Object.keys(api.operations).join(", ")})`);
      }
      const s = scenario as Scenario;
      if (typeof s === "object" && "error" in s && !op.errorCodes?.[s.error]) {
        throw new Error(
          `${api.id} mock: ${operationId} documents no error code "${s.error}" (it has: ${Object.keys(op.errorCodes ?? {}).join(", ") || "none"})`,
        );
      }
      if (typeof s === "object" && "status" in s && !("failTimes" in s) && !op.errors[s.status]) {
        throw new Error(`${api.id} mock: ${operationId} documents no ${s.status} response (it has: ${Object.keys(op.errors).join(", ")})`);
      }
      if (s === "clockSkew" && !signingName)
        throw new Error(`${api.id} mock: "clockSkew" is an AWS SigV4 scenario; ${api.id} is not signed`);
      const left =
        typeof s === "object" && "throttle" in s ? (s.throttle.times ?? 1) : typeof s === "object" && "failTimes" in s ? s.failTimes : 0;
      scenarios.set(operationId, { scenario: s, left });
    },
    reset() {
      scenarios.clear();
      requests.length = 0;
    },
  };
}
