/**
 * The per-call fast paths (transport.ts, auth.ts) behave exactly as the slow ones they replace:
 * - the Response handed back is buffered lazily (no body stream until read) but reads as `new Response(text)`;
 * - a fixed-key auth applies its header synchronously, a provider asynchronously, with the same checks;
 * - the default fetch (globalThis.fetch with URL + init, no intermediate Request) sends the same request.
 */
import { describe, expect, it } from "vitest";
import { AuthError, bearerAuth, headerAuth, type OutgoingRequest } from "../dist/index.js";
import { httpProtocol, SecretRegistry } from "../dist/internal.js";
import { awsRestJsonProtocol } from "../dist/sigv4.js";
import { fixtureClient, httpApi } from "./fixture.js";
import { json, useServer } from "./helpers.js";

const server = useServer();

const BODY = { id: "t-1", name: "widget" };
const stub =
  (status: number, body: string | null, headers: Record<string, string> = { "content-type": "application/json" }) =>
  async (_request: Request) =>
    new Response(body, { status, headers });

describe("the buffered response", () => {
  it("is a Response whose body reads as the text received (text, json, arrayBuffer, blob, bytes, body stream)", async () => {
    const text = JSON.stringify(BODY);
    const client = fixtureClient("https://api.example.test/v1", { fetch: stub(200, text) });
    const read = async (how: (r: Response) => Promise<unknown>) => how((await client.getThing({ thingId: "t-1" })).response);
    expect(await read((r) => r.text())).toBe(text);
    expect(await read((r) => r.json())).toEqual(BODY);
    expect(new TextDecoder().decode((await read((r) => r.arrayBuffer())) as ArrayBuffer)).toBe(text);
    expect(await ((await read(async (r) => r.blob())) as Blob).text()).toBe(text);
    expect(new TextDecoder().decode((await read((r) => (r as unknown as { bytes(): Promise<Uint8Array> }).bytes())) as Uint8Array)).toBe(
      text,
    );
    expect(await read((r) => new Response(r.body).text())).toBe(text);
  });

  it("keeps status, statusText, headers, ok, instanceof Response; bodyUsed and a second read behave as fetch's", async () => {
    const client = fixtureClient("https://api.example.test/v1", {
      fetch: stub(200, JSON.stringify(BODY), { "content-type": "application/json", "x-request-id": "r-1" }),
    });
    const { data, response } = await client.getThing({ thingId: "t-1" });
    expect(data).toEqual(BODY);
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(200);
    expect(response.ok).toBe(true);
    expect(response.headers.get("x-request-id")).toBe("r-1");
    expect(response.bodyUsed).toBe(false);
    const copy = response.clone();
    expect(await response.json()).toEqual(BODY);
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow(TypeError);
    expect(await copy.json()).toEqual(BODY);
  });

  it("headers: a mutable copy of the received ones, made when first read, kept by text() and clone()", async () => {
    const client = fixtureClient("https://api.example.test/v1", {
      fetch: stub(200, "{}", { "content-type": "application/json", "x-a": "1" }),
    });
    const { response } = await client.getThing({ thingId: "t-1" });
    expect(response.headers).toBe(response.headers);
    expect([...response.headers]).toEqual([
      ["content-type", "application/json"],
      ["x-a", "1"],
    ]);
    response.headers.set("x-b", "2");
    expect(response.headers.get("x-b")).toBe("2");
    expect(response.clone().headers.get("x-a")).toBe("1");
    expect(response.statusText).toBe("");
  });

  it("an error response keeps its body readable; a 204 has a null body", async () => {
    const client = fixtureClient("https://api.example.test/v1", { fetch: stub(404, JSON.stringify({ message: "no such thing" })) });
    const { error, response } = await client.getThing({ thingId: "t-1" });
    expect(error?.code).toBe("NotFound");
    expect(await response.json()).toEqual({ message: "no such thing" });
    const empty = fixtureClient("https://api.example.test/v1", { fetch: stub(204, null, {}) });
    const r = await empty.getThing({ thingId: "t-1" });
    expect(r.response.status).toBe(204);
    expect(r.response.body).toBeNull();
    expect(await r.response.text()).toBe("");
  });
});

describe("header auth", () => {
  const request = (): OutgoingRequest => ({
    url: new URL("https://api.example.test/v1/x"),
    method: "GET",
    headers: new Headers(),
    body: undefined,
  });
  const ctx = { operationId: "op", attempt: 1, body: undefined, signal: new AbortController().signal };

  it("a fixed key is applied synchronously, a provider asynchronously, with the same header and redaction", async () => {
    const registry = new SecretRegistry();
    const fixed = bearerAuth("fixed-token-123", "apiKey");
    fixed.register?.(registry);
    const r1 = request();
    expect(fixed.authorize(r1, ctx)).toBeUndefined();
    expect(r1.headers.get("authorization")).toBe("Bearer fixed-token-123");

    const provided = headerAuth({ prefix: "Basic ", value: async () => "provided-key-456", what: "apiKey" });
    provided.register?.(registry);
    const r2 = request();
    const pending = provided.authorize(r2, ctx);
    expect(pending).toBeInstanceOf(Promise);
    await pending;
    expect(r2.headers.get("authorization")).toBe("Basic provided-key-456");
    expect(registry.redact("provided-key-456 fixed-token-123")).toBe("[REDACTED] [REDACTED]");
  });

  it("a provider returning an empty value or failing -> AuthError (rejection), as before", async () => {
    await expect(headerAuth({ prefix: "Bearer ", value: async () => "", what: "token" }).authorize(request(), ctx)).rejects.toThrow(
      AuthError,
    );
    await expect(
      headerAuth({
        prefix: "Bearer ",
        value: () => {
          throw new Error("secret-in-message");
        },
        what: "token",
      }).authorize(request(), ctx),
    ).rejects.toThrow("The token provider failed: Error.");
  });
});

describe("the default fetch (no intermediate Request)", () => {
  it("sends method, path, query, headers and body as given, with the auth header", async () => {
    server.handle((_req, res) => json(res, 201, { id: "t-9" }));
    const client = fixtureClient(server.url, { auth: bearerAuth("default-fetch-token") });
    // Valid values of every constrained body member (validation.test.ts: the invalid ones) are sent as given.
    const valid = { name: "ééé", code: "ABC-12", kind: "pro", count: 5, ownerId: "3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f" };
    const { data } = await client.createThing({ ...valid, requestTag: "tag-1" });
    expect(data).toEqual({ id: "t-9" });
    const rec = server.requests[0]!;
    expect(rec.method).toBe("POST");
    expect(rec.url).toBe("/things");
    expect(rec.headers.authorization).toBe("Bearer default-fetch-token");
    expect(rec.headers["x-request-tag"]).toBe("tag-1");
    expect(rec.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(rec.body)).toEqual(valid);
  });
});

describe("AWS standard retry codes live in the AWS protocol object", () => {
  it("retryKind: throttling, transient and clock-skew codes of the AWS SDKs, nothing else", () => {
    const kind = awsRestJsonProtocol.retryKind!;
    for (const code of [
      "Throttling",
      "ThrottlingException",
      "TooManyRequestsException",
      "RequestLimitExceeded",
      "SlowDown",
      "EC2ThrottledException",
      "LimitExceededException",
    ]) {
      expect(kind(code)).toBe("throttling");
    }
    for (const code of ["TimeoutError", "RequestTimeout", "RequestTimeoutException"]) expect(kind(code)).toBe("transient");
    for (const code of ["InvalidSignatureException", "RequestTimeTooSkewed", "SignatureDoesNotMatch"])
      expect(kind(code)).toBe("clock-skew");
    for (const code of ["ValidationException", "AccessDeniedException", "InternalServerException", "", "toString"])
      expect(kind(code)).toBeUndefined();
  });

  it("the plain HTTP protocol reads no error code and classifies none: errors are keyed by status", () => {
    // Which AWS codes an operation documents (and what it does with others) is tested through the client in errors.test.ts.
    const op = httpApi.operations.getThing;
    const headers = new Headers({ "x-amzn-errortype": "ThrottlingException" });
    expect(httpProtocol.errorCode(op, 404, headers, { __type: "ThrottlingException" })).toEqual({ code: "NotFound", raw: undefined });
    expect(httpProtocol.errorCode(op, 418, headers, undefined)).toEqual({ code: "UnknownError", raw: undefined });
    expect(httpProtocol.retryKind).toBeUndefined();
  });
});

describe("an attempt nothing can end early (timeoutMs: Infinity, no caller's signal) needs no AbortController", () => {
  it("sends and authorizes as usual; auth sees a signal that never aborts", async () => {
    const seen: AbortSignal[] = [];
    const auth = {
      authorize(req: OutgoingRequest, ctx: { signal: AbortSignal }) {
        seen.push(ctx.signal);
        req.headers.set("authorization", "Bearer k-123456");
        return Promise.resolve();
      },
    };
    let sent: Request | undefined;
    const client = fixtureClient("https://api.example.test/v1", {
      timeoutMs: Number.POSITIVE_INFINITY,
      auth,
      fetch: async (request) => {
        sent = request;
        return new Response(JSON.stringify(BODY), { status: 200, headers: { "content-type": "application/json" } });
      },
    });
    expect((await client.getThing({ thingId: "t-1" })).data).toEqual(BODY);
    expect((await client.getThing({ thingId: "t-2" })).data).toEqual(BODY);
    expect(sent?.headers.get("authorization")).toBe("Bearer k-123456");
    expect(sent?.signal.aborted).toBe(false);
    expect(seen).toHaveLength(2);
    expect(seen.every((s) => s instanceof AbortSignal && !s.aborted)).toBe(true);
  });
});
