/**
 * The one rule for a 2xx whose body ends early, whatever the timing (README › Errors):
 * - the connection breaks before the body is whole (fewer bytes than Content-Length, or the socket dies mid-body, or
 *   before the headers arrive) -> ConnectionError, retried only when the operation may be repeated;
 * - the body arrives whole (the bytes the server declared) but is not the documented JSON -> InvalidResponseError,
 *   never retried (the server answered; asking again would repeat the same answer).
 * Each timing is produced deterministically by the server, not by a race. Here: that each way of breaking is a
 * ConnectionError, retried. That a POST is not repeated, that a retry then gets the data, and that whole but cut JSON is
 * an InvalidResponseError on one attempt are cells of the fault matrix of tools/reliability (every protocol × idempotency).
 */
import type { ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { ConnectionError, TimeoutError } from "../dist/index.js";
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
  it.each(Object.entries(BROKEN))("%s: an idempotent GET is retried up to maxAttempts", async (_how, fault) => {
    server.handle((_req, res) => fault(res));
    const e = await rejection(client().getThing({ thingId: "t-1" }));
    expect(e).toBeInstanceOf(ConnectionError);
    expect(e).not.toBeInstanceOf(TimeoutError);
    expect(e).toMatchObject({ attempts: 3 });
    expect(server.requests).toHaveLength(3);
  });
});
