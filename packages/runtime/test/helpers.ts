import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { afterAll, beforeAll } from "vitest";

/** What the server received for one request. */
export interface Recorded {
  method: string;
  /** Raw request target as sent on the wire (path + query, still percent-encoded). */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** `n` is the 1-based number of this request since the last `reset()`. */
export type Handler = (req: IncomingMessage, res: ServerResponse, rec: Recorded, n: number) => unknown;

export interface TestServer {
  readonly url: string;
  readonly requests: Recorded[];
  /** Replace the handler and forget recorded requests. */
  handle(handler: Handler): void;
}

/**
 * A real node:http server on 127.0.0.1 (port 0) for the calling test file: listening before its tests, closed after
 * them. It records every request before handing it to the handler.
 */
export function useServer(): TestServer {
  let handler: Handler = (_req, res) => json(res, 200, {});
  const requests: Recorded[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of req) chunks.push(chunk as Buffer);
    } catch {
      return; // a request the client aborted mid-body is not recorded
    }
    const rec: Recorded = {
      method: req.method ?? "",
      url: req.url ?? "",
      headers: req.headers,
      body: Buffer.concat(chunks).toString("utf8"),
    };
    requests.push(rec);
    Promise.resolve(handler(req, res, rec, requests.length)).catch((e: unknown) => {
      if (!res.headersSent) json(res, 599, { testServerError: String(e) });
    });
  });
  server.keepAliveTimeout = 1000;
  beforeAll(() => new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve)));
  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return {
    get url() {
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    requests,
    handle(h) {
      handler = h;
      requests.length = 0;
    },
  };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function text(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "text/plain", "content-length": Buffer.byteLength(body), ...headers });
  res.end(body);
}

/** A port nothing listens on (a server was bound there and closed). */
export async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** Every rendering of an error a user could log or ship. */
export function renderings(e: unknown): Record<string, string> {
  const err = e as Error;
  return {
    message: String(err?.message),
    stack: String(err?.stack),
    string: String(e),
    json: JSON.stringify(e) ?? "",
    inspect: inspect(e, { depth: 10, showHidden: true }),
  };
}

/** Assert `secret` appears in no rendering of `e` (nor in the extra texts, e.g. logger lines). */
export function expectNoSecret(e: unknown, secret: string, extra: readonly string[] = []): void {
  const all = { ...renderings(e), extra: extra.join("\n") };
  for (const [where, value] of Object.entries(all)) {
    if (value.includes(secret)) throw new Error(`secret found in ${where}: ${value.slice(0, 2000)}`);
  }
}

/** Await a promise that must reject; return the rejection. */
export const rejection = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => Promise.reject(new Error("expected the promise to reject, it resolved")),
    (e: unknown) => e,
  );
