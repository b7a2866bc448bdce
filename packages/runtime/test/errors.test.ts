import { describe, expect, it } from "vitest";
import {
  ApiClientError,
  ApiError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  InvalidResponseError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from "../dist/index.js";
import { awsErrorCode, sanitizeErrorCode, sigv4Auth } from "../dist/sigv4.js";
import * as errorsEntry from "../dist/errors.js";
import { awsFixtureClient, fixtureClient } from "./fixture.js";
import { json, rejection, useServer, text } from "./helpers.js";

const server = useServer();

const HTML_502 =
  "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body><center><h1>502 Bad Gateway</h1></center></body>\r\n</html>\r\n";
const creds = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };

const sigv4 = () => sigv4Auth({ service: "widgets", region: "us-east-1", credentials: creds });

describe("error bodies that are not the documented JSON never crash", () => {
  const client = () => fixtureClient(server.url, { retry: { maxAttempts: 1 } });

  it("HTML 502 page -> InternalServerError with rawBody", async () => {
    server.handle((_q, res) => text(res, 502, HTML_502, { "content-type": "text/html" }));
    const { data, error, response } = await client().getThing({ thingId: "t-1" });
    expect(data).toBeUndefined();
    expect(response.status).toBe(502);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      name: "InternalServerError",
      code: "BadGateway",
      status: 502,
      body: undefined,
      rawBody: HTML_502,
      attempts: 1,
    });
    expect(error?.message).toContain("getThing: BadGateway (HTTP 502): <html> <head><title>502 Bad Gateway");
  });

  it("empty body -> ApiError with empty rawBody and the status text", async () => {
    server.handle((_q, res) => {
      res.writeHead(500, "Kaput");
      res.end();
    });
    const { error } = await client().getThing({ thingId: "t-1" });
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ code: "InternalServerError", status: 500, body: undefined, rawBody: "" });
    expect(error?.message).toBe("getThing: InternalServerError (HTTP 500): Kaput");
  });

  it("malformed JSON with a JSON content-type -> rawBody", async () => {
    const broken = '{"message": "unterminated';
    server.handle((_q, res) => text(res, 400, broken, { "content-type": "application/json" }));
    const { error } = await client().getThing({ thingId: "t-1" });
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ code: "BadRequest", status: 400, body: undefined, rawBody: broken });
  });

  it("JSON sent with a wrong content-type is still parsed", async () => {
    server.handle((_q, res) => text(res, 404, '{"message":"no such thing"}', { "content-type": "text/plain" }));
    const { error } = await client().getThing({ thingId: "t-1" });
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ code: "NotFound", body: { message: "no such thing" }, rawBody: undefined });
    expect(error?.message).toBe("getThing: NotFound (HTTP 404): no such thing");
  });

  it("a JSON scalar body is kept as rawBody", async () => {
    server.handle((_q, res) => text(res, 400, '"just a string"', { "content-type": "application/json" }));
    const { error } = await client().getThing({ thingId: "t-1" });
    expect(error).toMatchObject({ body: undefined, rawBody: '"just a string"' });
  });

  it("a large HTML body is truncated to 4096 characters", async () => {
    const big = `<html>${"x".repeat(10_000)}</html>`;
    server.handle((_q, res) => text(res, 503, big, { "content-type": "text/html" }));
    const { error } = await client().getThing({ thingId: "t-1" });
    expect(error?.rawBody).toBe(big.slice(0, 4096));
    expect(error!.message.length).toBeLessThan(400);
  });

  it("an undocumented status -> code UnknownError (ApiError base class)", async () => {
    server.handle((_q, res) => json(res, 418, { message: "teapot" }));
    const { error } = await client().getThing({ thingId: "t-1" });
    expect(error?.constructor).toBe(ApiError);
    expect(error).toMatchObject({ name: "ApiError", code: "UnknownError", status: 418, body: { message: "teapot" } });
  });

  it("status classes: 403 PermissionDenied, 409 Conflict, 429 RateLimit", async () => {
    for (const [status, Ctor] of [
      [403, PermissionDeniedError],
      [409, ConflictError],
      [429, RateLimitError],
    ] as const) {
      server.handle((_q, res) => json(res, status, {}));
      const { error } = await client().getThing({ thingId: "t-1" });
      expect(error).toBeInstanceOf(Ctor);
    }
  });

  it("request id from x-request-id", async () => {
    server.handle((_q, res) => json(res, 404, {}, { "x-request-id": "req-123" }));
    const { error } = await client().getThing({ thingId: "t-1" });
    expect(error?.requestId).toBe("req-123");
  });

  it("throwOnError: true throws the same typed error", async () => {
    server.handle((_q, res) => text(res, 502, HTML_502, { "content-type": "text/html" }));
    const e = await rejection(fixtureClient(server.url, { retry: { maxAttempts: 1 }, throwOnError: true }).getThing({ thingId: "t-1" }));
    expect(e).toBeInstanceOf(InternalServerError);
    expect(e).toMatchObject({ code: "BadGateway", rawBody: HTML_502 });
  });

  it("toJSON lists the documented fields", async () => {
    server.handle((_q, res) => json(res, 404, { message: "gone" }, { "x-request-id": "r-1" }));
    const { error } = await client().getThing({ thingId: "t-1" });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "NotFoundError",
      message: "getThing: NotFound (HTTP 404): gone",
      operationId: "getThing",
      code: "NotFound",
      status: 404,
      requestId: "r-1",
      body: { message: "gone" },
      attempts: 1,
    });
  });
});

describe("2xx bodies", () => {
  it("InvalidResponseError is exported by the errors entry point (re-exported by every client package), same class", async () => {
    expect(errorsEntry.InvalidResponseError).toBe(InvalidResponseError);
    server.handle((_q, res) => text(res, 200, "nope"));
    const e = await rejection(fixtureClient(server.url).getThing({ thingId: "t-1" }));
    expect(e).toBeInstanceOf(errorsEntry.InvalidResponseError);
    expect(e).toBeInstanceOf(ApiClientError);
    expect(e).toMatchObject({ name: "InvalidResponseError", status: 200, rawBody: "nope" });
    expect(server.requests).toHaveLength(1);
    const names =
      "AbortError ApiClientError ApiError AuthError AuthenticationError BadRequestError ConflictError ConnectionError InternalServerError InvalidResponseError LockedError NotFoundError PaymentRequiredError PermissionDeniedError RateLimitError TimeoutError ValidationError createApiError";
    expect(Object.keys(errorsEntry).sort()).toEqual(names.split(" ").sort());
  });

  it("empty 200 and 204 -> data undefined", async () => {
    server.handle((_q, res) => {
      res.writeHead(200);
      res.end();
    });
    expect((await fixtureClient(server.url).getThing({ thingId: "t-1" })).data).toBeUndefined();
    server.handle((_q, res) => {
      res.writeHead(204);
      res.end();
    });
    const r = await fixtureClient(server.url).deleteThing({ thingId: "t-1" });
    expect(r.data).toBeUndefined();
    expect(r.error).toBeUndefined();
    expect(r.response.status).toBe(204);
  });

  it("205 Reset Content is a success, not a connection error", async () => {
    server.handle((_q, res) => {
      res.writeHead(205);
      res.end();
    });
    const r = await fixtureClient(server.url).deleteThing({ thingId: "t-1" });
    expect(r.error).toBeUndefined();
    expect(r.response.status).toBe(205);
    expect(server.requests).toHaveLength(1);
  });
});

describe("AWS error codes", () => {
  const aws = () => awsFixtureClient(server.url, { auth: sigv4(), retry: { maxAttempts: 1 } });

  it.each([
    ["ResourceNotFoundException", "ResourceNotFoundException"],
    ["ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.widgets/", "ResourceNotFoundException"],
    ["aws.protocols#ResourceNotFoundException", "ResourceNotFoundException"],
    [
      "com.amazonaws.widgets#ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.widgets/",
      "ResourceNotFoundException",
    ],
  ])("X-Amzn-Errortype %j -> %s", async (header, code) => {
    server.handle((_q, res) => json(res, 404, { message: "missing" }, { "x-amzn-errortype": header, "x-amzn-requestid": "aws-req-1" }));
    const { error } = await aws().getWidget({ widgetId: "w1" });
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ code, status: 404, rawCode: undefined, requestId: "aws-req-1", body: { message: "missing" } });
    expect(error?.message).toBe(`getWidget: ${code} (HTTP 404): missing`);
  });

  it("code from body __type (namespace stripped)", async () => {
    server.handle((_q, res) => json(res, 403, { __type: "com.amazonaws.widgets#AccessDeniedException", Message: "denied" }));
    const { error } = await aws().getWidget({ widgetId: "w1" });
    expect(error).toMatchObject({ code: "AccessDeniedException", status: 403 });
    expect(error?.message).toBe("getWidget: AccessDeniedException (HTTP 403): denied");
  });

  it("code from body code", async () => {
    server.handle((_q, res) => json(res, 400, { code: "ValidationException", message: "bad field" }));
    const { error } = await aws().getWidget({ widgetId: "w1" });
    expect(error).toMatchObject({ code: "ValidationException", status: 400, body: { code: "ValidationException", message: "bad field" } });
  });

  it("an undocumented code -> UnknownError with rawCode", async () => {
    server.handle((_q, res) => json(res, 400, { message: "what" }, { "x-amzn-errortype": "SomethingNewException:http://x/" }));
    const { error } = await aws().getWidget({ widgetId: "w1" });
    expect(error).toMatchObject({ code: "UnknownError", rawCode: "SomethingNewException", status: 400 });
    expect(error?.message).toBe("getWidget: UnknownError (SomethingNewException) (HTTP 400): what");
  });

  it("a throttling code is retried even for POST; a retryable code only for idempotent calls", async () => {
    server.handle((_q, res, _r, n) =>
      n === 1 ? json(res, 400, {}, { "x-amzn-errortype": "ThrottlingException" }) : json(res, 200, { ok: 1 }),
    );
    const client = awsFixtureClient(server.url, { auth: sigv4() });
    expect((await client.createWidget({ name: "w" })).data).toEqual({ ok: 1 });
    expect(server.requests).toHaveLength(2);

    server.handle((_q, res, _r, n) =>
      n === 1 ? json(res, 400, {}, { "x-amzn-errortype": "InternalServerException" }) : json(res, 200, { ok: 2 }),
    );
    expect((await client.getWidget({ widgetId: "w1" })).data).toEqual({ ok: 2 });
    expect(server.requests).toHaveLength(2);

    server.handle((_q, res) => json(res, 400, {}, { "x-amzn-errortype": "InternalServerException" }));
    const { error } = await client.createWidget({ name: "w" });
    expect(error).toMatchObject({ code: "InternalServerException", attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it("unit: sanitizeErrorCode / awsErrorCode", () => {
    expect(sanitizeErrorCode("aws.protocols#Foo:http://x#y")).toBe("Foo");
    expect(sanitizeErrorCode("")).toBeUndefined();
    expect(sanitizeErrorCode(42)).toBeUndefined();
    expect(sanitizeErrorCode(":http://only-a-suffix")).toBeUndefined();
    expect(awsErrorCode(new Headers(), { Code: "Bar" })).toBe("Bar");
    expect(awsErrorCode(new Headers(), "not an object")).toBeUndefined();
    expect(awsErrorCode(new Headers({ "x-amzn-errortype": "A" }), { __type: "B" })).toBe("A"); // the header wins over the body
  });
});
