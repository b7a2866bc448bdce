import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { deref } from "@subscription-apis/test-kit/workspace";

/**
 * A tiny spec-driven server for the consumer round trip: each API's bundled `openapi.json` (as published) is
 * mounted under `/<id>`; a request matching an operation's method + path template gets the operation's first
 * 2xx response with the spec's own example body and example headers. Everything is recorded.
 */
export type OpenApiDoc = { paths: Record<string, Record<string, any>>; components?: Record<string, Record<string, any>> };

export interface Recorded {
  api: string;
  operationId: string | undefined;
  method: string;
  path: string;
  query: string;
  headers: IncomingHttpHeaders;
  body: string;
}

const METHODS = new Set(["get", "put", "post", "delete", "patch", "head", "options"]);

export { deref };

export interface Operation {
  method: string;
  path: string;
  operationId: string | undefined;
  op: any;
  parameters: any[];
}

export function operations(doc: OpenApiDoc): Operation[] {
  const out: Operation[] = [];
  for (const [path, rawItem] of Object.entries(doc.paths ?? {})) {
    const item = deref(doc, rawItem);
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      const byKey = new Map<string, any>();
      for (const p of [...(item.parameters ?? []), ...((op as any).parameters ?? [])].map((x) => deref(doc, x)))
        byKey.set(`${p.in}:${p.name}`, p);
      out.push({ method: method.toUpperCase(), path, operationId: (op as any).operationId, op, parameters: [...byKey.values()] });
    }
  }
  return out;
}

const firstExample = (media: any) =>
  media?.example !== undefined ? media.example : media?.examples ? Object.values<any>(media.examples)[0]?.value : undefined;

function template(path: string): RegExp {
  const re = path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+");
  return new RegExp(`^${re}$`);
}

export interface MockApis {
  url: string;
  requests: Recorded[];
  close(): Promise<void>;
}

export async function startMockApis(apis: Record<string, OpenApiDoc>): Promise<MockApis> {
  const requests: Recorded[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const [, api = "", ...rest] = url.pathname.split("/");
      const path = `/${rest.join("/")}`;
      const doc = apis[api];
      const op = doc ? operations(doc).find((o) => o.method === req.method && template(o.path).test(path)) : undefined;
      requests.push({
        api,
        operationId: op?.operationId,
        method: req.method ?? "",
        path,
        query: url.search,
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      if (!doc || !op) {
        res
          .writeHead(404, { "content-type": "application/json" })
          .end(JSON.stringify({ message: `no operation for ${req.method} ${url.pathname}` }));
        return;
      }
      const [status, rawResponse] = Object.entries<any>(op.op.responses).find(([s]) => /^2\d\d$/.test(s)) ?? ["204", {}];
      const response = deref(doc, rawResponse);
      const headers: Record<string, string> = {};
      for (const [name, h] of Object.entries<any>(response.headers ?? {})) {
        const header = deref(doc, h);
        const v = header.example ?? deref(doc, header.schema)?.example;
        if (v !== undefined) headers[name.toLowerCase()] = String(v);
      }
      const [mediaType, media] = Object.entries<any>(response.content ?? {})[0] ?? [];
      const example = firstExample(media);
      if (mediaType && example !== undefined) {
        res
          .writeHead(Number(status), { ...headers, "content-type": mediaType })
          .end(typeof example === "string" ? example : JSON.stringify(example));
      } else {
        res.writeHead(Number(status), headers).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
