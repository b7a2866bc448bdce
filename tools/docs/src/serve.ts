import { createReadStream, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".txt": "text/plain; charset=utf-8",
};

export interface StaticServer {
  server: Server;
  /** `http://127.0.0.1:<port>/` */
  url: string;
  close(): Promise<void>;
}

/** Resolves a request path inside `root` (directories -> index.html), or undefined when outside or missing. */
export function resolveFile(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split("?")[0]?.split("#")[0] ?? "/");
  } catch {
    return undefined;
  }
  const base = resolve(root);
  const target = resolve(base, `.${normalize(`/${decoded}`)}`);
  if (target !== base && !target.startsWith(base + sep)) return undefined;
  try {
    const stat = statSync(target);
    if (stat.isDirectory()) {
      const index = join(target, "index.html");
      return statSync(index).isFile() ? index : undefined;
    }
    return stat.isFile() ? target : undefined;
  } catch {
    return undefined;
  }
}

/** A static file server for site/ on 127.0.0.1 (node:http only). `port` 0 picks a free port. */
export function serveStatic(root: string, port = 0, host = "127.0.0.1"): Promise<StaticServer> {
  const server = createServer((req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    const path = req.url ?? "/";
    // A directory without its trailing slash: redirect, so relative links resolve inside it.
    const file = resolveFile(root, path);
    if (file?.endsWith(`${sep}index.html`) && !/\/(index\.html)?(\?.*)?$/.test(path)) {
      res.writeHead(301, { location: `${path.split("?")[0]}/` }).end();
      return;
    }
    if (!file) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found\n");
      return;
    }
    res.writeHead(200, {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "cache-control": "no-cache",
    });
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    createReadStream(file).pipe(res);
  });
  return new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address() as AddressInfo;
      resolvePromise({
        server,
        url: `http://${host}:${actual}/`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
