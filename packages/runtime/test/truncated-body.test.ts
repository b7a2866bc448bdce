/**
 * The one rule for a 2xx whose body ends early, whatever the timing (README › Errors):
 * - the connection breaks before the body is whole (fewer bytes than Content-Length, or the socket dies mid-body, or
 *   before the headers arrive) -> ConnectionError, retried only when the operation may be repeated;
 * - the body arrives whole (the bytes the server declared) but is not the documented JSON -> InvalidResponseError,
 *   never retried (the server answered; asking again would repeat the same answer).
 * Each timing is produced deterministically by the server, not by a race.
 */
import type { ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { ConnectionError, InvalidResponseError, TimeoutError } from "../dist/index.js";
import { fixtureClient } from "./fixture.js";
import { rejection, useServer } from "./helpers.js";

const server = useServer();

const BODY = JSON.stringify({ id: "t-1", name: "a thing with a name long enough to cut" });
const HALF = BODY.slice(0, Math.floor(BODY.length / 2));

/** Each way a 2xx body can end early, produced by the server on every attempt. */
const BROKEN: Record<string, (res: ServerResponse) => void> = {
  "Content-Length promises more than is sent, then the connection closes": (res) => {
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(BODY) });
    res.write(HALF, () => res.socket?.end());
  },
  "headers flushed, part of the body flushed, then the socket is destroyed (chunked)": (res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.write(HALF, () => res.socket?.destroy());
  },
  "headers flushed, no body byte, then the socket is destroyed": (res) => {
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(BODY) });
    res.flushHeaders();
    res.socket?.write("", () => res.socket?.destroy());
  },
  "the socket is destroyed before the headers leave": (res) => {
    res.socket?.destroy();
  },
};

/** No timeout: the outcome must not depend on how fast the machine is (a hang fails through vitest's timeout). */
const client = () => fixtureClient(server.url, { timeoutMs: Number.POSITIVE_INFINITY, retry: { maxAttempts: 3 } });

describe("a 2xx whose connection breaks before the body is whole -> ConnectionError", () => {
  for (const [how, fault] of Object.entries(BROKEN)) {
    it(`${how}: an idempotent GET is retried up to maxAttempts`, async () => {
      server.handle((_req, res) => fault(res));
      const e = await rejection(client().getThing({ thingId: "t-1" }));
      expect(e).toBeInstanceOf(ConnectionError);
      expect(e).not.toBeInstanceOf(TimeoutError);
      expect(e).toMatchObject({ attempts: 3 });
      expect(server.requests).toHaveLength(3);
    });

    it(`${how}: a POST is not repeated`, async () => {
      server.handle((_req, res) => fault(res));
      const e = await rejection(client().createThing({ name: "box" }));
      expect(e).toBeInstanceOf(ConnectionError);
      expect(e).toMatchObject({ attempts: 1 });
      expect(server.requests).toHaveLength(1);
    });

    it(`${how}: once, then a whole body -> the retry's data`, async () => {
      server.handle((_req, res, _rec, n) => {
        if (n === 1) return fault(res);
        res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(BODY) });
        res.end(BODY);
      });
      const { data } = await client().getThing({ thingId: "t-1" });
      expect(data).toEqual(JSON.parse(BODY));
      expect(server.requests).toHaveLength(2);
    });
  }
});

describe("a 2xx whose body arrives whole but is cut JSON -> InvalidResponseError, never retried", () => {
  const cut = (res: ServerResponse) => {
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(HALF) });
    res.end(HALF);
  };

  it("idempotent GET: one attempt", async () => {
    server.handle((_req, res) => cut(res));
    const e = await rejection(client().getThing({ thingId: "t-1" }));
    expect(e).toBeInstanceOf(InvalidResponseError);
    expect(server.requests).toHaveLength(1);
  });

  it("POST: one attempt", async () => {
    server.handle((_req, res) => cut(res));
    const e = await rejection(client().createThing({ name: "box" }));
    expect(e).toBeInstanceOf(InvalidResponseError);
    expect(server.requests).toHaveLength(1);
  });
});
