/**
 * Area 2 — property tests (fast-check). Every property runs NUM_RUNS cases with one seed per run, logged at
 * the start (set FC_SEED to replay); a failure prints fast-check's report (seed, path, counterexample).
 *
 * The runtime is driven through the protocol × idempotency cells of support/cells.ts (the runtime's fixture APIs)
 * and a stub `fetch` (the one the client options accept) that records what would be sent: 10,000 cases per property
 * cannot go through sockets in seconds, and what is checked here is what the client builds and how it reads
 * responses. The real-socket evidence lives in the fault matrix and load areas. One table, PROPERTIES, lists them.
 */
import { Ajv } from "ajv";
import fc from "fast-check";
import * as E from "@subscription-apis/runtime";
import type { CallOptions, Constraint, ParamDef } from "@subscription-apis/runtime";
import { checkConstraint, parseRetryAfter, resolveRetry, retryDelay, type RetryOptions } from "@subscription-apis/runtime/internal";
import { afterAll, beforeAll, expect, it } from "vitest";
import { CELLS, cellOf, make, settle, type Cell, type MakeOptions } from "./support/cells.js";
import { FigureLog } from "./support/figures.js";

/** 10,000 cases per property in `pnpm test:e2e`; `pnpm test` runs a smaller sample (FC_RUNS, set by the package's test script). */
const NUM_RUNS = process.env.FC_RUNS !== undefined ? Number(process.env.FC_RUNS) : 10_000;
const SEED = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : (Date.now() ^ Math.floor(Math.random() * 0x7fffffff)) | 0;
const BASE = "https://stub.invalid/base";

const log = new FigureLog(2, "properties", `Property tests (fast-check, ${NUM_RUNS.toLocaleString("en-US")} cases per property)`);
const byId = (id: string) => CELLS.find((c) => c.id === id)!;
const AWS_IDS = CELLS.filter((c) => c.protocol === "aws-rest-json").map((c) => c.id);
beforeAll(() => console.log(`fast-check seed: ${SEED} (replay with FC_SEED=${SEED})`));
afterAll(() => log.save());

/** Build once per key (building a stringMatching arbitrary or an Ajv validator is costly). */
function memo<K extends object, V>(build: (k: K) => V): (k: K) => V {
  const known = new WeakMap<K, V>();
  return (k) => {
    if (!known.has(k)) known.set(k, build(k));
    return known.get(k)!;
  };
}

/** One call of a cell's operation through a stub fetch that records what would be sent (never a socket). */
async function stubCall(
  c: Cell,
  o: Partial<MakeOptions> & { respond?: () => Response } = {},
  input: Record<string, unknown> = c.input,
  options?: CallOptions,
) {
  const sent: Request[] = [];
  const { respond, ...rest } = o;
  const fetch = async (req: Request) => {
    sent.push(req);
    if (respond) return respond();
    return c.successBody === undefined
      ? new Response(null, { status: c.successStatus })
      : Response.json(c.successBody, { status: c.successStatus });
  };
  const call = Promise.resolve().then(() => make(c, { baseUrl: BASE, fetch, retry: { maxAttempts: 1 }, ...rest }).call(input, options));
  return { sent, ...(await settle(call)) };
}

// 1. Parameter validation agrees with the spec's pattern / length / enum / type.

const ajv = new Ajv({ strict: false, allErrors: false });
/** Ajv on the same constraint minus `format` (Ajv's formats are annotations here; uuid is checked by the oracle). */
const ajvValidator = memo(({ format: _format, ...schema }: Constraint) => ajv.compile(schema) as (v: unknown) => boolean);
const UUID_ORACLE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** Code points, counted differently from the runtime (UTF-16 length minus surrogate pairs). */
const codePoints = (s: string) => s.length - (s.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)?.length ?? 0);
const IS_TYPE: Record<string, (v: unknown) => boolean> = {
  string: (v) => typeof v === "string",
  integer: (v) => typeof v === "number" && Number.isSafeInteger(v),
  number: (v) => typeof v === "number" && Number.isFinite(v),
  boolean: (v) => typeof v === "boolean",
  null: (v) => v === null,
  array: Array.isArray,
  object: (v) => typeof v === "object" && v !== null && !Array.isArray(v),
};

/** An independent oracle: which rules does `v` break? (empty: valid) */
function oracle(c: Constraint, v: unknown): Set<string> {
  const types = c.type === undefined ? undefined : [c.type].flat();
  if ((types && !types.some((t) => IS_TYPE[t]?.(v))) || (typeof v === "number" && !Number.isFinite(v))) return new Set(["type"]);
  const s = typeof v === "string" ? v : undefined;
  const n = typeof v === "number" ? v : undefined;
  const rules: [string, boolean][] = [
    ["enum", c.enum !== undefined && !c.enum.some((e) => e === v)],
    ["minLength", s !== undefined && c.minLength !== undefined && codePoints(s) < c.minLength],
    ["maxLength", s !== undefined && c.maxLength !== undefined && codePoints(s) > c.maxLength],
    ["pattern", s !== undefined && c.pattern !== undefined && !new RegExp(c.pattern, "u").test(s)],
    ["format", s !== undefined && c.format === "uuid" && !UUID_ORACLE.test(s)],
    ["minimum", n !== undefined && c.minimum !== undefined && n < c.minimum],
    ["maximum", n !== undefined && c.maximum !== undefined && n > c.maximum],
  ];
  return new Set(rules.filter(([, broken]) => broken).map(([rule]) => rule));
}

/** Values for one parameter: anything, plus near misses of its pattern, enum, lengths and uuid format. */
const valueFor = memo((p: ParamDef): fc.Arbitrary<unknown> => {
  const s = p.schema ?? {};
  const pattern = s.pattern ? fc.stringMatching(new RegExp(s.pattern)) : undefined;
  const enumStrings = fc.constantFrom(...(s.enum ?? [""]).filter((v): v is string => typeof v === "string"));
  const lo = Math.max(0, (s.minLength ?? 0) - 1);
  const lengths = fc.integer({ min: lo, max: (s.maxLength ?? lo + 3) + 1 });
  return fc.oneof(
    ...[
      fc.string({ unit: "binary", maxLength: 40 }),
      fc.string({ unit: "grapheme-ascii", maxLength: 60 }),
      fc.string({ unit: "grapheme", maxLength: 10 }),
    ],
    ...[fc.integer(), fc.double(), fc.constantFrom(null, true, false, [], {}, NaN, Infinity, -0, 2 ** 53 + 1, 1.5, "")],
    ...(pattern ? [pattern, pattern.map((v) => `${v}x`), pattern.map((v) => v.slice(1))] : []),
    ...(s.enum ? [fc.constantFrom(...s.enum), enumStrings.map((v) => v.toLowerCase()), enumStrings.map((v) => ` ${v}`)] : []),
    ...(s.minLength !== undefined || s.maxLength !== undefined
      ? [lengths.chain((n) => fc.string({ unit: fc.constantFrom("a", "Z", "0", "-", "😀", "é"), minLength: n, maxLength: n }))]
      : []),
    ...(s.format === "uuid"
      ? [
          fc.uuid(),
          ...[(u: string) => u.toUpperCase(), (u: string) => `urn:uuid:${u}`, (u: string) => u.replace(/-/g, "")].map((f) =>
            fc.uuid().map(f),
          ),
        ]
      : []),
  );
});

function checkValue(p: ParamDef, v: unknown): void {
  const got = checkConstraint(v, p.schema);
  const broken = oracle(p.schema!, v);
  const what = `${p.key}=${JSON.stringify(v)}: runtime ${got?.[0] ?? "valid"}`;
  expect(got === undefined, `${what}, oracle ${[...broken].join(",") || "valid"}`).toBe(broken.size === 0);
  if (got) expect(broken.has(got[0]), `runtime rule ${got[0]} not broken per oracle (${[...broken].join(",")})`).toBe(true);
  // Ajv's "integer" accepts integers beyond 2^53, which JSON cannot carry exactly: the runtime (and the oracle) reject
  // those on purpose, so Ajv is only consulted for safe numbers.
  if (typeof v === "number" && (!Number.isFinite(v) || (Number.isInteger(v) && !Number.isSafeInteger(v)))) return;
  const ajvOk = ajvValidator(p.schema!)(v) && !broken.has("format");
  expect(got === undefined, `${what} vs Ajv ${ajvOk}`).toBe(ajvOk);
}

// 2. No path (or query) parameter value can change the request target.

/** An unpaired UTF-16 surrogate. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const TRICKY = fc.constantFrom(..."/?#%.\\ +&=;:@\0\r\n\téaZ0-_~[]{}'\"<>😀\u202e\ufeff", "..", "%2e", "%2F", "%00");
const TARGETS = CELLS.flatMap((c) =>
  c.op.params.filter((p) => p.in === "path" || p.in === "query").map((p) => ({ label: `${c.id} ${p.in} ${p.name}`, c, p })),
);
type Target = (typeof TARGETS)[number];
const targetOf = (label: string) => TARGETS.find((t) => t.label === label)!;
const targetValue = memo((p: ParamDef) =>
  fc.oneof(
    fc.string({ unit: "binary", maxLength: 30 }),
    fc.string({ unit: TRICKY, minLength: 1, maxLength: 12 }),
    fc.constantFrom(".", "..", "%2e", "%2e%2e", ".%2e", "/..", "../", "?x=1", "#frag", "a/../b", "\u0000", "", "./", "%2F..%2F"),
    ...(p.schema?.pattern ? [fc.stringMatching(new RegExp(p.schema.pattern))] : []),
    ...(p.schema?.format === "uuid" ? [fc.uuid()] : []),
  ),
);

/** Send one value through a client; check it lands in exactly its own path segment (or query value). */
async function checkTarget({ c, p }: Target, value: string, wellFormed: boolean): Promise<void> {
  const input = { ...c.input, [p.key]: value };
  const { sent, thrown } = await stubCall(c, {}, input);
  const problem = checkConstraint(value, p.schema);
  const what = `${c.id}.${p.key}=${JSON.stringify(value)}`;
  if (problem !== undefined || (p.in === "path" && ["", ".", ".."].includes(value)) || !wellFormed) {
    expect(thrown, `${what} must be a ValidationError`).toBeInstanceOf(E.ValidationError);
    if (problem) expect((thrown as { rule: string }).rule).toBe(problem[0]);
    return void expect(sent).toHaveLength(0);
  }
  expect(thrown, `${what} threw ${String(thrown)}`).toBeUndefined();
  expect(sent).toHaveLength(1);
  const url = new URL(sent[0]!.url);
  expect([url.origin, url.hash, url.href.includes("#")]).toEqual([new URL(BASE).origin, "", false]);
  const segments = url.pathname.split("/");
  const template = `/base${c.op.path}`.split("/");
  expect(segments).toHaveLength(template.length);
  template.forEach((t, i) => {
    const param = c.op.params.find((x) => x.in === "path" && `{${x.name}}` === t);
    if (param) expect(decodeURIComponent(segments[i]!)).toBe(String(input[param.key]));
    else expect(segments[i]).toBe(t);
  });
  if (p.in === "query") expect([[...url.searchParams.keys()], url.searchParams.get(p.name)]).toEqual([[p.name], value]);
  else expect(url.search).toBe("");
}

// 3. No header value with CR / LF / NUL is ever sent.

const HEADER_VALUE = fc.string({
  unit: fc.oneof(
    { weight: 12, arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }) },
    { weight: 2, arbitrary: fc.constantFrom("\r", "\n", "\0", "\r\n") },
    { weight: 2, arbitrary: fc.constantFrom("\t", " ", "\x01", "\x1f", "\x7f", "é", "ÿ", "\x80") },
    { weight: 1, arbitrary: fc.constantFrom("€", "😀", "\u0100") },
  ),
  maxLength: 24,
});
/** What fetch puts on the wire for a header value: leading/trailing HTTP whitespace removed. */
const normalize = (v: string) => v.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, "");
const MODES = ["header parameter", "per-call header", "client header", "credential", "credential provider"] as const;
type HeaderMode = (typeof MODES)[number];
/** The cell whose operation has a header parameter (createThing's X-Request-Tag). */
const HEADER_PARAM_CELL = cellOf("http", "not idempotent");
const cellsFor = (mode: HeaderMode) =>
  CELLS.filter((c) =>
    mode === "header parameter" ? c === HEADER_PARAM_CELL : mode.startsWith("credential") ? c.protocol === "http" : true,
  );

async function checkHeader(mode: HeaderMode, c: Cell, value: string, basic: boolean): Promise<void> {
  const credential = mode.startsWith("credential");
  const { sent, thrown } = await stubCall(
    c,
    {
      ...(mode === "client header" ? { headers: { "x-reliability": value } } : {}),
      ...(credential ? { auth: { kind: basic ? "basic key" : "bearer key", key: mode === "credential" ? value : () => value } } : {}),
    },
    mode === "header parameter" ? { ...c.input, requestTag: value } : c.input,
    mode === "per-call header" ? { headers: { "x-reliability": value } } : undefined,
  );
  const what = `${c.id}${basic ? " (Basic)" : ""} ${mode} ${JSON.stringify(value)}`;
  const injection = /[\r\n\0]/.test(value);
  const Rejected = injection || /[^\x00-\xff]/.test(value) ? E.ValidationError : credential && value === "" ? E.AuthError : undefined;
  if (Rejected) {
    expect(thrown, what).toBeInstanceOf(Rejected);
    if (injection) expect((thrown as { rule: string }).rule, what).toBe("header-injection");
    return void expect(sent, what).toHaveLength(0);
  }
  expect(thrown, `${what} threw ${String(thrown)}`).toBeUndefined();
  expect(sent, what).toHaveLength(1);
  const header = mode === "header parameter" ? "x-request-tag" : credential ? "authorization" : "x-reliability";
  expect(sent[0]!.headers.get(header), what).toBe(normalize(credential ? `${basic ? "Basic " : "Bearer "}${value}` : value));
}

// 4. Reading arbitrary responses never throws anything but the client's typed errors.

const NULL_BODY = new Set([204, 205, 304]);
const HEADER_TEXT = fc.string({
  unit: fc.oneof(fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }), fc.constantFrom("é", "\t", ":", "#", " ")),
  maxLength: 40,
});
const AWS_CODES = fc.constantFrom(
  ...["ThrottlingException", "ValidationException", "InternalServerException", "InvalidSignatureException"],
  ...["aws.protocoltests#ConflictException:http://x", ":", "#", ""],
);
const BODY = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc.json({ maxDepth: 3 }),
  fc
    .jsonValue({ maxDepth: 2 })
    .map((v) => JSON.stringify({ message: v, Message: v, __type: v, code: v, errors: [v], Errors: [{ Value: [v] }] })),
  fc.tuple(fc.json(), fc.nat()).map(([j, n]) => j.slice(0, n % (j.length + 1))),
  fc.string({ unit: "binary", maxLength: 200 }).map((s) => `<html><body>${s}</body></html>`),
  fc.constantFrom("", "null", "[]", "{}", '"x"', "0", "\uFEFF{}", '{"message":"x"'),
);
/** The runtime's own reading of an AWS error code (cut at ':', keep what follows '#'), for the filter below. */
const sanitize = (raw: string) => raw.split(":")[0]!.split("#").at(-1)!.trim();
const RESPONSE = fc.record({
  client: fc.constantFrom(...CELLS.map((c) => c.id)),
  status: fc.integer({ min: 200, max: 599 }),
  body: BODY,
  contentType: fc.constantFrom("application/json", "text/html", "text/plain", "application/x-amz-json-1.1", "", "garbage/;;;"),
  retryAfter: fc.option(
    fc.oneof(
      fc.nat().map(String),
      HEADER_TEXT,
      fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()),
    ),
  ),
  // Names of Object.prototype members are covered by their own property (a known bug would stop this property early).
  errorType: fc.option(fc.oneof(AWS_CODES, HEADER_TEXT).filter((t) => !(sanitize(t) in Object.prototype))),
  requestId: fc.option(HEADER_TEXT),
  location: fc.option(fc.oneof(fc.constantFrom("/elsewhere", "https://other.invalid/x", "//x", "http://[bad", ""), HEADER_TEXT)),
  throwOnError: fc.boolean(),
});

async function checkResponse(r: typeof RESPONSE extends fc.Arbitrary<infer T> ? T : never): Promise<void> {
  const c = byId(r.client);
  const headers = new Headers();
  const set = {
    "content-type": r.contentType || null,
    "retry-after": r.retryAfter,
    "x-amzn-errortype": r.errorType,
    "x-amzn-requestid": r.requestId,
    location: r.location,
  };
  for (const [name, value] of Object.entries(set)) if (value !== null) headers.set(name, value);
  const { sent, result, thrown } = await stubCall(c, {
    respond: () => new Response(NULL_BODY.has(r.status) ? null : r.body, { status: r.status, headers }),
    retry: { maxAttempts: 2, baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0 },
    throwOnError: r.throwOnError,
  });
  expect(sent.length).toBeGreaterThan(0);
  const documented = new Set(["UnknownError", ...Object.values(c.op.errors).map((e) => e.code), ...Object.keys(c.op.errorCodes ?? {})]);
  const error = thrown ?? result!.error;
  if (thrown !== undefined) {
    expect(thrown, `threw ${String(thrown)}`).toBeInstanceOf(E.ApiClientError);
    if (thrown instanceof E.ApiError) expect(r.throwOnError).toBe(true);
  } else {
    expect(result!.error === undefined, `status ${r.status}`).toBe(r.status >= 200 && r.status < 300);
    if (result!.error) expect(result!.error).toBeInstanceOf(E.ApiError);
  }
  if (error instanceof E.ApiError) {
    expect([error.status, documented.has(error.code), error.message.includes(`(HTTP ${r.status})`)], error.code).toEqual([
      r.status,
      true,
      true,
    ]);
    expect([1, 2]).toContain(error.attempts);
    expect((error.rawBody ?? "").length).toBeLessThanOrEqual(4096);
    expect(() => JSON.stringify(error)).not.toThrow();
  }
}

// 5. Retry delays stay within bounds for any Retry-After.

const RETRY_AFTER = fc.oneof(
  fc.nat().map(String),
  fc.double({ min: 0, max: 1e12, noNaN: true }).map(String),
  fc.bigInt({ min: 0n, max: 10n ** 400n }).map(String),
  fc.string({ unit: "binary-ascii", maxLength: 30 }),
  fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom("-1", "1e3", " 5 ", "Infinity", "NaN", "0x10", "", "Wed, 21 Oct 2015 07:28:00 GMT", "Tomorrow", "1.5", "9".repeat(400)),
);
const NUMBER_OPTION = fc.option(fc.oneof(fc.integer({ min: -10, max: 100_000 }), fc.constantFrom(0, Infinity, -Infinity, 1e300)), {
  nil: undefined,
});
const RETRY_CASE = fc.record({
  header: fc.option(RETRY_AFTER),
  now: fc.integer({ min: 0, max: 4_102_444_800_000 }),
  attempt: fc.integer({ min: 1, max: 1000 }),
  random: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  opts: fc.record({ maxAttempts: NUMBER_OPTION, baseDelayMs: NUMBER_OPTION, maxDelayMs: NUMBER_OPTION, maxRetryAfterMs: NUMBER_OPTION }),
});

function checkDelay(r: typeof RETRY_CASE extends fc.Arbitrary<infer T> ? T : never): void {
  const parsed = parseRetryAfter(r.header, r.now);
  if (parsed !== undefined) expect(typeof parsed === "number" && parsed >= 0, `parsed ${parsed}`).toBe(true);
  if (r.header !== null && /^\d{1,9}$/.test(r.header.trim())) expect(parsed).toBe(Number(r.header.trim()) * 1000);
  const policy = resolveRetry(r.opts as RetryOptions);
  const d = retryDelay(r.attempt, policy, parsed, () => r.random);
  expect(d >= 0, `delay ${d}`).toBe(true);
  if (parsed !== undefined) expect(d).toBeLessThanOrEqual(policy.maxRetryAfterMs);
  else {
    const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(r.attempt - 1, 30));
    expect(d).toBeLessThanOrEqual(backoff);
    if (Number.isFinite(backoff)) expect(d).toBeGreaterThanOrEqual(Math.floor(backoff * 0.75));
  }
  expect(retryDelay(r.attempt, resolveRetry(), parsed, () => r.random)).toBeLessThanOrEqual(parsed !== undefined ? 20_000 : 8_000);
}

const PROTO_NAMES = Object.getOwnPropertyNames(Object.prototype);
const BAD_CREDENTIAL = fc
  .tuple(fc.string({ maxLength: 8 }), fc.constantFrom("\r", "\n", "\0", "\r\n"), fc.string({ maxLength: 8 }))
  .map(([a, b, d]) => `tok${a}${b}${d}`);
const LONE = fc
  .string({ unit: fc.constantFrom("\ud800", "\udbff", "\udc00", "\udfff", "a", "b", "1", "-"), minLength: 1, maxLength: 8 })
  .filter((s) => LONE_SURROGATE.test(s));

/** Every property: its figure, how it is measured, and the fast-check property (built when it runs). */
const PROPERTIES: { figure: string; how: string; property: () => fc.IRawProperty<unknown[]> }[] = [
  ...CELLS.map((c) => ({
    figure: `${c.id}: checkConstraint agrees with the spec constraints`,
    how: `values for every constrained parameter of the ${c.id} fixture operation (${c.op.operationId}); accept/reject and the failed rule vs a hand oracle (RegExp, code points, enum, type, uuid) and vs Ajv 8`,
    property: () =>
      fc.property(
        fc.constantFrom(...c.op.params.filter((p) => p.schema)).chain((p) => fc.tuple(fc.constant(p), valueFor(p))),
        ([p, v]) => checkValue(p, v),
      ),
  })),
  {
    figure: "Path/query values never change the request path or query",
    how: `${TARGETS.length} targets (every path and query parameter of the cells' operations); value = any code points, URL-special characters, dot segments, pattern matches; stub fetch records the URL: decoded segment = input, same segment count, no \`?\`/\`#\` leak; invalid values are ValidationError with nothing sent`,
    property: () =>
      fc.asyncProperty(
        fc.constantFrom(...TARGETS.map((t) => t.label)).chain((l) => fc.tuple(fc.constant(l), targetValue(targetOf(l).p))),
        ([l, v]) => checkTarget(targetOf(l), v, true),
      ),
  },
  {
    figure: "Path/query values with lone surrogates are rejected as ValidationError",
    how: "same targets, values holding at least one unpaired UTF-16 surrogate (a JS string no URL can carry); expected ValidationError with nothing sent",
    property: () => fc.asyncProperty(fc.constantFrom(...TARGETS.map((t) => t.label)), LONE, (l, v) => checkTarget(targetOf(l), v, false)),
  },
  {
    figure: "Header values with CR/LF/NUL are never sent",
    how: "values mixing printable ASCII, CR/LF/NUL, other controls, Latin-1 and non-Latin-1; through a header parameter, per-call headers, client headers (every cell), bearer and Basic keys and key providers; stub fetch: CR/LF/NUL and non-Latin-1 are ValidationError with nothing sent, anything else is sent as given (HTTP whitespace trimmed)",
    property: () =>
      fc.asyncProperty(
        fc
          .constantFrom(...MODES)
          .chain((mode) => fc.tuple(fc.constant(mode), fc.constantFrom(...cellsFor(mode).map((c) => c.id)), HEADER_VALUE, fc.boolean())),
        ([mode, id, v, basic]) => checkHeader(mode, byId(id), v, basic),
      ),
  },
  {
    figure: "AWS credentials with CR/LF/NUL are rejected as ValidationError",
    how: "the AWS cells, static credentials whose sessionToken or accessKeyId holds CR/LF/NUL; expected ValidationError with nothing sent (not a ConnectionError after retries)",
    property: () =>
      fc.asyncProperty(
        fc.constantFrom(...AWS_IDS),
        fc.constantFrom("sessionToken", "accessKeyId"),
        BAD_CREDENTIAL,
        async (id, field, v) => {
          const credentials = {
            accessKeyId: "AKIDRELIABILITYTEST",
            secretAccessKey: "aws-secret-reliability-0123456789",
            sessionToken: "session-token-ok",
            [field]: v,
          };
          const { sent, thrown } = await stubCall(byId(id), {
            retry: { maxAttempts: 3, baseDelayMs: 0 },
            auth: { kind: "aws sigv4", credentials },
          });
          expect(thrown, `${id} ${field}=${JSON.stringify(v)} -> ${String(thrown)}`).toBeInstanceOf(E.ValidationError);
          expect(sent).toHaveLength(0);
        },
      ),
  },
  {
    figure: "Arbitrary status/headers/bytes give data or a typed error, nothing else",
    how: "stub fetch answers any status 200-599 with arbitrary Content-Type, Retry-After, X-Amzn-Errortype, request id, Location and body (random bytes, JSON, truncated JSON, HTML, scalars); maxAttempts 2, zero delays; the call must resolve with data or an ApiError (status, code documented or UnknownError, rawBody <= 4096) or throw an ApiClientError",
    property: () => fc.asyncProperty(RESPONSE, checkResponse),
  },
  {
    figure: "AWS error codes naming Object.prototype members are UnknownError",
    how: `the AWS cells; any status 400-599 whose X-Amzn-Errortype header or body __type is one of ${PROTO_NAMES.length} Object.prototype member names (with an optional namespace#); expected ApiError code "UnknownError" (the documented union), rawCode = the name`,
    property: () =>
      fc.asyncProperty(
        ...([
          fc.constantFrom(...AWS_IDS),
          fc.integer({ min: 400, max: 599 }),
          fc.constantFrom(...PROTO_NAMES),
          fc.boolean(),
          fc.boolean(),
        ] as const),
        async (id, status, name, inHeader, ns) => {
          const code = ns ? `com.amazonaws#${name}` : name;
          const body = JSON.stringify(inHeader ? { message: "x" } : { __type: code, message: "x" });
          const headers: Record<string, string> = inHeader ? { "x-amzn-errortype": code } : {};
          const { result } = await stubCall(byId(id), { respond: () => new Response(body, { status, headers }) });
          expect(result?.error).toBeInstanceOf(E.ApiError);
          expect(result!.error!.code, `${id} ${code}`).toBe("UnknownError");
        },
      ),
  },
  {
    figure: "Retry delays within [0, cap] for any Retry-After",
    how: "any Retry-After text (delta-seconds incl. 400-digit and decimal, HTTP/ISO dates, garbage) and any retry options (negative, 0, huge, Infinity) and attempt 1-1000: parseRetryAfter is undefined or a number >= 0; the delay is a number in [0, maxRetryAfterMs] with Retry-After, else in [0.75·backoff, backoff] with backoff = min(maxDelayMs, baseDelayMs·2^(attempt-1)); with the default options any Retry-After waits <= 20 s",
    property: () => fc.property(RETRY_CASE, checkDelay),
  },
];

it.each(PROPERTIES)("$figure", async ({ figure, how, property }) => {
  const started = performance.now();
  const details = await fc.check(property(), { numRuns: NUM_RUNS, seed: SEED });
  log.add({
    figure,
    value: details.failed
      ? `counterexample after ${details.numRuns} cases (seed ${details.seed}, path "${details.counterexamplePath}")`
      : `${details.numRuns} / ${NUM_RUNS} cases passed (seed ${details.seed}, ${Math.round(performance.now() - started)} ms)`,
    bound: `${NUM_RUNS} / ${NUM_RUNS}`,
    how,
    met: !details.failed && details.numRuns === NUM_RUNS,
  });
  if (details.failed) throw new Error(await fc.asyncDefaultReportMessage(details));
  expect(details.numRuns).toBe(NUM_RUNS);
});
