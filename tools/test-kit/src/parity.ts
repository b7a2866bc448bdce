/**
 * Test support (not a test file): parity of a generated AWS client with the official AWS SDK client.
 * Both clients are pointed at one recording server on 127.0.0.1; for the same input they must send the same
 * method, raw path, raw query and JSON body (parsed equal), both signatures must be what the hand-written
 * SigV4 verifier computes, and for each modelled error code both must report the same code.
 */
import { expectedAuthorizationManual, type SigV4Key } from "./aws.js";
import { type Received, send, type TestServer } from "./server.js";

/** The `api` data a generated package exports (only what parity reads). */
export interface ParityApi {
  operations: Record<
    string,
    {
      operationId: string;
      errorCodes?: Record<string, { status: number }>;
      params: readonly { name: string; in: string; key: string }[];
    }
  >;
}

/**
 * One input per operation, built only from the spec's examples (the generated `examples` export):
 * `<op>.parameters.<in>.<name>` and the members of `<op>.requestBody.example`.
 */
export function inputsFromExamples(api: ParityApi, examples: Record<string, unknown>): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [op, o] of Object.entries(api.operations)) {
    const input: Record<string, unknown> = {};
    for (const p of o.params) {
      if (p.in === "body") continue;
      const v = examples[`${op}.parameters.${p.in}.${p.name}`];
      if (v !== undefined) input[p.key] = v;
    }
    const body = examples[`${op}.requestBody.example`];
    if (body !== undefined) Object.assign(input, body as Record<string, unknown>);
    for (const p of o.params) {
      if (p.in !== "body" || input[p.key] !== undefined) continue;
      const v = examples[`${op}.parameters.body.${p.name}`];
      if (v !== undefined) input[p.key] = v;
    }
    out[op] = input;
  }
  return out;
}

/** What one client sent, normalised for comparison (raw path and raw `k=v` query pairs, as on the request line). */
export interface Sent {
  method: string;
  path: string;
  query: string[];
  body: unknown;
  contentType: string | undefined;
  /** Authorization sent === the hand-written verifier's expectation. */
  signatureValid: boolean;
  raw: Received;
}

function sent(req: Received, key: SigV4Key): Sent {
  const q = req.url.indexOf("?");
  const path = q < 0 ? req.url : req.url.slice(0, q);
  const query =
    q < 0
      ? []
      : req.url
          .slice(q + 1)
          .split("&")
          .filter(Boolean)
          .sort();
  const ct = req.headers["content-type"];
  return {
    method: req.method,
    path,
    query,
    body: req.body === "" ? undefined : JSON.parse(req.body),
    contentType: ct === undefined ? undefined : ct.split(";")[0]!.trim(),
    signatureValid: req.headers.authorization === expectedAuthorizationManual(req, key),
    raw: req,
  };
}

export interface ParityClients {
  /** Call the generated client's operation; resolve with its `{ error }` (never throws for an API error). */
  ours(operationId: string, input: Record<string, unknown>): Promise<{ error?: { code?: string } | undefined }>;
  /** Send the SDK command of the operation; resolve, or reject with the SDK's exception. */
  sdk(operationId: string, input: Record<string, unknown>): Promise<unknown>;
}

/** Send `input` through both clients (server answering `reply`), return what each sent, ours first. */
export async function sendBoth(
  server: TestServer,
  clients: ParityClients,
  operationId: string,
  input: Record<string, unknown>,
  key: SigV4Key,
  reply: Reply,
): Promise<{ ours: Sent; sdk: Sent; oursResult: unknown; sdkResult: unknown }> {
  answer(server, reply);
  const oursResult = await clients.ours(operationId, structuredClone(input));
  const sdkResult = await clients.sdk(operationId, structuredClone(input)).catch((e: unknown) => e);
  if (server.received.length !== 2) throw new Error(`${operationId}: expected 2 requests, server received ${server.received.length}`);
  return { ours: sent(server.received[0]!, key), sdk: sent(server.received[1]!, key), oursResult, sdkResult };
}

/**
 * The body comparison: equal as parsed JSON. An idempotency token (`clientToken`) the SDK generated while our
 * client sent none is dropped from the SDK's body (our client does not fill it in yet: a parallel change adds it);
 * when both sent one it must be a string on both sides, and when the input had one it must be that one.
 */
export function comparableBodies(ours: unknown, sdk: unknown, input: Record<string, unknown>, tokenMembers: readonly string[]) {
  const o = (ours ?? {}) as Record<string, unknown>;
  const s = { ...((sdk ?? {}) as Record<string, unknown>) };
  for (const t of tokenMembers) {
    if (input[t] !== undefined) continue;
    if (o[t] === undefined && typeof s[t] === "string") delete s[t];
    else if (typeof o[t] === "string" && typeof s[t] === "string") s[t] = o[t];
  }
  return { ours: ours === undefined ? undefined : o, sdk: sdk === undefined ? undefined : s };
}

type Reply = { status: number; headers?: Record<string, string>; body?: unknown };

/** Forget what the server received; answer every request with `reply`. */
function answer(server: TestServer, reply: Reply): void {
  server.reset();
  server.handle((_req, res) => send(res, reply.status, reply.body, reply.headers));
}

/** The AWS error answer the server gives for a modelled exception (restJson1: X-Amzn-Errortype + JSON body). */
export function awsErrorReply(code: string, status: number, body: unknown) {
  return { status, headers: { "X-Amzn-Errortype": code, "x-amzn-RequestId": `req-${code}` }, body };
}

/** The error code each side reports: ours `error.code`, the SDK exception's `name`. */
export async function errorCodes(
  server: TestServer,
  clients: ParityClients,
  operationId: string,
  input: Record<string, unknown>,
  reply: Reply,
): Promise<{ ours: string | undefined; sdk: string | undefined }> {
  answer(server, reply);
  const r = await clients.ours(operationId, structuredClone(input));
  let sdk: string | undefined;
  try {
    await clients.sdk(operationId, structuredClone(input));
    sdk = undefined;
  } catch (e) {
    sdk = (e as Error).name;
  }
  return { ours: r.error?.code, sdk };
}
