import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface Received {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export interface LocalServer {
  server: Server;
  origin: string;
  /** TCP connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

/** Read a request body fully. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** A node:http server on 127.0.0.1, port 0. The handler gets the request with its body already read. */
export async function listen(
  handler: (req: IncomingMessage, res: ServerResponse, received: Received) => void | Promise<void>,
): Promise<LocalServer> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server = createServer((req, res) => {
    readBody(req).then(
      (body) => handler(req, res, { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body }),
      () => res.destroy(),
    );
  });
  server.on("connection", (s: Socket) => {
    accepted++;
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  server.listen(0, "127.0.0.1", 2048);
  await new Promise<void>((r) => server.once("listening", () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    origin: `http://127.0.0.1:${port}`,
    connections: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 with nothing listening (connection refused). */
export async function closedPort(): Promise<number> {
  const s = createServer();
  s.listen(0, "127.0.0.1");
  await new Promise<void>((r) => s.once("listening", () => r()));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
