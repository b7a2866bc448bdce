import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { expect } from "vitest";

/** One request as the local server received it. */
export interface Received {
  method: string;
  /** Raw request target (path + query), exactly as sent on the wire. */
  url: string;
  pathname: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body's bytes as received (for binary and non-UTF-8 bodies). */
  bytes: Buffer;
}

/** `index` counts requests since the last `reset()` (0 = first attempt). */
export type Handler = (req: Received, res: ServerResponse, index: number) => void;

export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly received: Received[];
  handle(handler: Handler): void;
  /** Forget received requests, drop requests left hanging, restore the default handler (500 "no handler"). */
  reset(): void;
  close(): Promise<void>;
}

const noHandler: Handler = (_req, res) => send(res, 500, { message: "test server: no handler set" });

/** A real node:http server on 127.0.0.1 (random port) that records every request. */
export async function startServer(): Promise<TestServer> {
  let handler: Handler = noHandler;
  const received: Received[] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const rec: Received = {
        method: req.method ?? "",
        url: req.url ?? "",
        pathname: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        bytes: Buffer.concat(chunks),
      };
      received.push(rec);
      hanging.add(res);
      res.on("finish", () => hanging.delete(res));
      res.on("close", () => hanging.delete(res));
      handler(rec, res, received.length - 1);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    handle(h) {
      handler = h;
    },
    reset() {
      received.length = 0;
      handler = noHandler;
      for (const res of hanging) res.destroy();
      hanging.clear();
    },
    close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };
}

/** Answer with JSON (or an empty body when `body` is undefined). */
export function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  if (body === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

/** Answer with an HTML page, as a proxy or load balancer does. */
export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { "content-type": "text/html" });
  res.end(html);
}

/** Never answer (the request stays open until `reset()` or `close()`). */
export const hang: Handler = () => {};

/** Await a promise that must reject, and return the rejection. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error("expected the call to throw, but it resolved");
}

/** Every way an error can be printed or serialised: none may contain a secret. */
export function expectNoSecrets(error: unknown, secrets: readonly string[]): void {
  expect(error).toBeInstanceOf(Error);
  const e = error as Error;
  const views = {
    message: e.message,
    stack: e.stack ?? "",
    string: String(e),
    json: JSON.stringify(e),
    inspect: inspect(e, { depth: 10, showHidden: false }),
  };
  for (const secret of secrets) {
    for (const [view, text] of Object.entries(views)) {
      expect(text.includes(secret), `secret found in ${view}: ${text}`).toBe(false);
    }
  }
}
