/**
 * The generic paginator (`paginate`, behind the generated `paginate<Operation>` functions) against a real server:
 * the exact requests of every page, where it stops, retries of one page, errors and abort.
 */
import { describe, expect, it } from "vitest";
import { AbortError, InvalidResponseError, NotFoundError, ValidationError } from "../dist/index.js";
import { paginate } from "../dist/internal.js";
import { pagedApi, pagedClient, pagination } from "./fixture.js";
import { json, rejection, useServer } from "./helpers.js";

const server = useServer();

const ops = pagedApi.operations;
const collect = async <T>(it: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};
const urls = () => server.requests.map((r) => r.url);

describe("cursor (Mayar: startingAfter -> nextStartingAfter, hasMore)", () => {
  const client = () => pagedClient(server.url);
  const list = (input: Record<string, unknown> = {}) => paginate(client(), ops.listCursor, pagination.listCursor, input);

  it("follows the cursor and stops on hasMore: false even with a non-null cursor (no extra request)", async () => {
    server.handle((req, res) => {
      const after = new URL(req.url ?? "", server.url).searchParams.get("startingAfter");
      if (after === null) return json(res, 200, { data: [1, 2], nextStartingAfter: "c2", hasMore: true });
      if (after === "c2") return json(res, 200, { data: [3, 4], nextStartingAfter: "c4", hasMore: true });
      return json(res, 200, { data: [5], nextStartingAfter: "c5", hasMore: false });
    });
    expect(await collect(list({ limit: 2 }).items())).toEqual([1, 2, 3, 4, 5]);
    expect(urls()).toEqual(["/things?limit=2", "/things?limit=2&startingAfter=c2", "/things?limit=2&startingAfter=c4"]);
  });

  it("stops on a null or absent cursor; pages() yields each page's data", async () => {
    server.handle((_req, res, _rec, n) =>
      json(res, 200, n === 1 ? { data: ["a"], nextStartingAfter: "x", hasMore: true } : { data: ["b"], nextStartingAfter: null }),
    );
    const pages = await collect(list().pages());
    expect(pages).toEqual([
      { data: ["a"], nextStartingAfter: "x", hasMore: true },
      { data: ["b"], nextStartingAfter: null },
    ]);
    expect(urls()).toEqual(["/things", "/things?startingAfter=x"]);
  });

  it("starts from the caller's cursor, and each pages()/items() call starts again", async () => {
    server.handle((_req, res) => json(res, 200, { data: [9], hasMore: false }));
    const p = list({ startingAfter: "c7" });
    await collect(p.items());
    await collect(p.pages());
    expect(urls()).toEqual(["/things?startingAfter=c7", "/things?startingAfter=c7"]);
  });

  it("retries a failed page with the same query, then goes on", async () => {
    server.handle((_req, res, _rec, n) => {
      if (n === 1) return json(res, 200, { data: [1], nextStartingAfter: "c1", hasMore: true });
      if (n === 2) return json(res, 503, { message: "busy" });
      return json(res, 200, { data: [2], hasMore: false });
    });
    expect(await collect(list({ limit: 1 }).items())).toEqual([1, 2]);
    expect(urls()).toEqual(["/things?limit=1", "/things?limit=1&startingAfter=c1", "/things?limit=1&startingAfter=c1"]);
  });

  it("an error page throws its typed ApiError (whatever throwOnError) and nothing more is requested", async () => {
    server.handle((_req, res, _rec, n) =>
      n === 1 ? json(res, 200, { data: [1], nextStartingAfter: "c1", hasMore: true }) : json(res, 404, { message: "gone" }),
    );
    const seen: unknown[] = [];
    const err = await rejection(
      (async () => {
        for await (const item of list().items()) seen.push(item);
      })(),
    );
    expect(err).toBeInstanceOf(NotFoundError);
    expect(seen).toEqual([1]);
    expect(server.requests).toHaveLength(2);
  });

  it("honours the AbortSignal between pages: the next page is not requested", async () => {
    server.handle((_req, res) => json(res, 200, { data: [1, 2], nextStartingAfter: "c", hasMore: true }));
    const controller = new AbortController();
    const seen: unknown[] = [];
    const err = await rejection(
      (async () => {
        for await (const item of paginate(
          pagedClient(server.url),
          ops.listCursor,
          pagination.listCursor,
          {},
          { signal: controller.signal },
        ).items()) {
          seen.push(item);
          controller.abort();
        }
      })(),
    );
    expect(err).toBeInstanceOf(AbortError);
    expect(seen).toEqual([1, 2]);
    expect(server.requests).toHaveLength(1);
  });

  it("validates the input before the first request", async () => {
    server.handle((_req, res) => json(res, 200, { data: [] }));
    expect(await rejection(collect(list({ limit: 500 }).items()))).toBeInstanceOf(ValidationError);
    expect(server.requests).toHaveLength(0);
  });

  it("a cursor returned twice or items that are not an array are an InvalidResponseError (no endless loop)", async () => {
    server.handle((_req, res) => json(res, 200, { data: [1], nextStartingAfter: "same", hasMore: true }));
    expect(await rejection(collect(list().items()))).toBeInstanceOf(InvalidResponseError);
    expect(urls()).toEqual(["/things", "/things?startingAfter=same"]);
    server.handle((_req, res) => json(res, 200, { data: { not: "an array" } }));
    expect(await rejection(collect(list().items()))).toBeInstanceOf(InvalidResponseError);
    expect(server.requests).toHaveLength(1);
  });
});

describe("token (AWS: nextToken/maxResults in a POST body)", () => {
  it("sends the token in the body of each page, the same body on a retry, and stops on an absent token", async () => {
    server.handle((_req, res, rec, n) => {
      if (n === 2) return json(res, 500, { message: "flaky" });
      const token = (JSON.parse(rec.body) as { nextToken?: string }).nextToken;
      return json(res, 200, token === undefined ? { items: ["a", "b"], nextToken: "t1" } : { items: ["c"] });
    });
    const items = await collect(paginate(pagedClient(server.url), ops.listToken, pagination.listToken, { maxResults: 2 }).items());
    expect(items).toEqual(["a", "b", "c"]);
    expect(server.requests.map((r) => `${r.method} ${r.url} ${r.body}`)).toEqual([
      'POST /things/search {"maxResults":2}',
      'POST /things/search {"maxResults":2,"nextToken":"t1"}',
      'POST /things/search {"maxResults":2,"nextToken":"t1"}',
    ]);
  });
});

describe("page (Fusebill: pageNumber from 0, the body is the array)", () => {
  const rows = ["a", "b", "c", "d", "e"];
  const handler = (_req: unknown, res: Parameters<typeof json>[0], rec: { url: string }) => {
    const q = new URL(rec.url, server.url).searchParams;
    const size = Number(q.get("pageSize") ?? 2);
    const page = Number(q.get("pageNumber"));
    json(res, 200, rows.slice(page * size, page * size + size));
  };

  it("stops on a page shorter than pageSize (no extra request)", async () => {
    server.handle(handler);
    const items = await collect(paginate(pagedClient(server.url), ops.listPage, pagination.listPage, { pageSize: 2 }).items());
    expect(items).toEqual(rows);
    expect(urls()).toEqual(["/pages?pageNumber=0&pageSize=2", "/pages?pageNumber=1&pageSize=2", "/pages?pageNumber=2&pageSize=2"]);
  });

  it("without a pageSize it stops on the first empty page", async () => {
    server.handle(handler);
    const items = await collect(paginate(pagedClient(server.url), ops.listPage, pagination.listPage, { pageNumber: 1 }).items());
    expect(items).toEqual(["c", "d", "e"]);
    expect(urls()).toEqual(["/pages?pageNumber=1", "/pages?pageNumber=2", "/pages?pageNumber=3"]);
  });
});

describe("offset (offset/limit with a total)", () => {
  it("advances by the items received and stops when the total is reached", async () => {
    server.handle((_req, res, rec) => {
      const offset = Number(new URL(rec.url, server.url).searchParams.get("offset"));
      json(res, 200, { rows: [offset, offset + 1].filter((x) => x < 4), total: 4 });
    });
    const items = await collect(paginate(pagedClient(server.url), ops.listOffset, pagination.listOffset, { limit: 2 }).items());
    expect(items).toEqual([0, 1, 2, 3]);
    expect(urls()).toEqual(["/rows?offset=0&limit=2", "/rows?offset=2&limit=2"]);
  });
});
