/**
 * Proof on the wire: the wire fixture (test/fixtures/wire/openapi.yaml, generated into its src/generated/ and
 * type-checked with this package's tests) against a real server on 127.0.0.1, byte for byte, each shape compared
 * with an independent reference: `qs` (Stripe's bracket format), `URLSearchParams`, the platform's FormData parser
 * (`Response.formData()`), and the value tables of the OpenAPI 3.1 specification (§4.8.12.5 "Style Examples").
 */
import type { ServerResponse } from "node:http";
import { startServer, type TestServer } from "@subscription-apis/test-kit";
import qs from "qs";
import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import { ValidationError } from "@subscription-apis/runtime";
import { createApiClient } from "@subscription-apis/runtime/internal";
import { renderFixture } from "./fixtures/wire/generate.mjs";
import { staleFiles } from "../src/generate.js";
import {
  allOperations,
  createCharge,
  createSubscription,
  downloadInvoice,
  findThings,
  paginateListSubscriptions,
  putBlob,
  service,
  setNote,
  uploadDocument,
  type DownloadInvoiceData,
  type ListSubscriptionsItem,
  type Operations,
  type PutBlobInput,
  type SetNoteData,
  type UploadDocumentInput,
} from "./fixtures/wire/src/generated/api.js";

let server: TestServer;
let url: string;
beforeAll(async () => {
  server = await startServer();
  url = `${server.origin}/v1`;
});
afterAll(() => server.close());
const reply = (send: (res: ServerResponse) => void) => server.handle((_req, res) => send(res));
beforeEach(() => {
  server.reset();
  reply((res) => res.writeHead(200, { "content-type": "application/json" }).end('{"id":"x_1"}'));
});

const client = () => createApiClient<Operations, object>(service, allOperations, { baseUrl: url, retry: { baseDelayMs: 0 } });
const last = () => server.received[server.received.length - 1]!;

it("the committed src/generated/ of the fixture is what its spec generates", async () => {
  const stale = staleFiles(await renderFixture());
  expect(stale, "run `pnpm --filter @subscription-apis/codegen generate:fixture`").toEqual([]);
});

it("types each input and result by its documented content type (checked by `pnpm typecheck`)", () => {
  expectTypeOf<DownloadInvoiceData>().toEqualTypeOf<Blob>();
  expectTypeOf<SetNoteData>().toEqualTypeOf<string>();
  expectTypeOf<UploadDocumentInput["file"]>().toEqualTypeOf<Blob | ArrayBufferView | ArrayBuffer>();
  expectTypeOf<UploadDocumentInput["attachments"]>().toEqualTypeOf<(Blob | ArrayBufferView | ArrayBuffer)[] | undefined>();
  expectTypeOf<ListSubscriptionsItem>().toEqualTypeOf<{ id: string }>();
  expectTypeOf<PutBlobInput["body"]>().toEqualTypeOf<Blob | ArrayBufferView | ArrayBuffer | ReadableStream<Uint8Array>>();
});

describe("application/x-www-form-urlencoded", () => {
  const input = {
    amount: 2000,
    currency: "eur",
    description: "Café & co = 100%",
    metadata: { order_id: "6735", "note key": "a+b" },
    items: [
      { price: "price_1", quantity: 2 },
      { price: "price_2", quantity: 1 },
    ],
    expand: ["customer", "invoice"],
    tags: ["a", "b c"],
    shipping: { city: "Köln", zip: "50667" },
  };

  it("sends bracket keys as Stripe's client builds them with qs, in the spec's encoding per property", async () => {
    await createCharge(client(), input);
    const { headers, bytes: body } = last();
    expect(headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(headers.accept).toBe("application/json"); // a JSON response: Accept JSON, as every operation of the five APIs
    // Stripe's own client: qs with indexed arrays, brackets unescaped.
    const stripe = (v: object, arrayFormat: "indices" | "repeat" | "comma") =>
      qs.stringify(v, { arrayFormat }).replace(/%5B/g, "[").replace(/%5D/g, "]");
    const expected = [
      stripe({ amount: 2000, currency: "eur", description: input.description }, "indices"),
      stripe({ metadata: input.metadata, items: input.items }, "indices"),
      stripe({ expand: input.expand }, "repeat"), // form, explode (the default): repeated keys
      stripe({ tags: input.tags }, "comma"), // form, explode: false
      stripe(input.shipping, "indices"), // form, explode: an object's own key/value pairs
    ].join("&");
    expect(body.toString("latin1")).toBe(expected);
    // What a server reads back (URLSearchParams decodes as every form parser does).
    expect([...new URLSearchParams(body.toString())]).toEqual([
      ["amount", "2000"],
      ["currency", "eur"],
      ["description", "Café & co = 100%"],
      ["metadata[order_id]", "6735"],
      ["metadata[note key]", "a+b"],
      ["items[0][price]", "price_1"],
      ["items[0][quantity]", "2"],
      ["items[1][price]", "price_2"],
      ["items[1][quantity]", "1"],
      ["expand", "customer"],
      ["expand", "invoice"],
      ["tags", "a,b c"],
      ["city", "Köln"],
      ["zip", "50667"],
    ]);
    // and qs (what Stripe's and Chargebee's servers parse with) gives the input back
    const parsed = qs.parse(body.toString(), { comma: false });
    expect(parsed.metadata).toEqual(input.metadata);
    expect(parsed.items).toEqual(input.items.map((i) => ({ price: i.price, quantity: String(i.quantity) })));
  });

  it("validates fields against the spec before sending", async () => {
    await expect(createCharge(client(), { ...input, currency: "EURO" })).rejects.toThrow(ValidationError);
    expect(server.received).toHaveLength(0);
  });
});

describe("multipart/form-data", () => {
  it("sends Blob, bytes, text, JSON and repeated parts with their content types; fetch sets the boundary", async () => {
    const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x0d, 0x0a]);
    const png1 = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], "a.png", { type: "image/png" });
    const png2 = new Uint8Array([1, 2, 3]);
    await uploadDocument(client(), { file: pdf, purpose: "invoice", note: "# Hello", meta: { pages: 2 }, attachments: [png1, png2] });
    const { headers, bytes: body } = last();
    expect(headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    // Parsed back by the platform's own multipart parser.
    const form = await new Response(new Uint8Array(body), { headers: { "content-type": headers["content-type"]! } }).formData();
    expect([...form.keys()]).toEqual(["file", "purpose", "note", "meta", "attachments", "attachments"]);
    const file = form.get("file") as File;
    expect(file.type).toBe("application/pdf");
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(pdf);
    expect(form.get("purpose")).toBe("invoice");
    const note = form.get("note") as File;
    expect([note.type, await note.text()]).toEqual(["text/markdown", "# Hello"]);
    const meta = form.get("meta") as File;
    expect([meta.type, JSON.parse(await meta.text())]).toEqual(["application/json", { pages: 2 }]);
    const [a, b] = form.getAll("attachments") as File[];
    expect([a!.name, a!.type, [...new Uint8Array(await a!.arrayBuffer())]]).toEqual(["a.png", "image/png", [0x89, 0x50, 0x4e, 0x47]]);
    expect([b!.type, [...new Uint8Array(await b!.arrayBuffer())]]).toEqual(["image/png", [1, 2, 3]]);
  });
});

describe("text and binary bodies", () => {
  it("sends a text/plain body as it is and reads a text response as a string (Accept from the spec)", async () => {
    reply((res) => res.writeHead(200, { "content-type": "text/plain; charset=utf-8" }).end("stored: ✓"));
    const result = await setNote(client(), { noteId: "n 1", body: "line 1\nünïcode ✓" });
    expect(result.data).toBe("stored: ✓");
    expect(last().url).toBe("/v1/notes/n%201");
    expect(last().headers["content-type"]).toBe("text/plain");
    expect(last().headers.accept).toBe("text/plain");
    expect(last().body).toBe("line 1\nünïcode ✓");
  });

  it("reads a binary download whole into a Blob, byte for byte, with the server's content type", async () => {
    const bytes = new Uint8Array(256).map((_, i) => 255 - i);
    reply((res) => res.writeHead(200, { "content-type": "application/pdf" }).end(Buffer.from(bytes)));
    const { data } = await downloadInvoice(client(), { invoiceId: "in_1" });
    expect(last().headers.accept).toBe("application/pdf");
    expect(data).toBeInstanceOf(Blob);
    expect(data!.type).toBe("application/pdf");
    expect(new Uint8Array(await data!.arrayBuffer())).toEqual(bytes);
  });

  it("sends bytes (retried like any PUT) and a stream (read once: a single attempt)", async () => {
    reply((res) => res.writeHead(503).end());
    const bytes = new Uint8Array([0, 1, 2, 0xfe, 0xff]);
    await putBlob(client(), { key: "k", body: bytes }, { retry: { maxAttempts: 2 } });
    expect(server.received.map((s) => [s.headers["content-type"], [...s.bytes]])).toEqual([
      ["application/octet-stream", [...bytes]],
      ["application/octet-stream", [...bytes]],
    ]);
    server.received.length = 0;
    const stream = new Blob([bytes]).stream();
    const result = await putBlob(client(), { key: "k", body: stream }, { retry: { maxAttempts: 2 } });
    expect(result.error?.status).toBe(503);
    expect(server.received.map((s) => [...s.bytes])).toEqual([[...bytes]]);
  });

  it("refuses a body of the wrong kind before sending", async () => {
    await expect(putBlob(client(), { key: "k", body: "text" as never })).rejects.toThrow(
      /expected a Blob, Uint8Array, ArrayBuffer or ReadableStream/,
    );
    await expect(setNote(client(), { noteId: "n", body: 5 as never })).rejects.toThrow(ValidationError);
    expect(server.received).toHaveLength(0);
  });
});

describe("parameter styles", () => {
  it("serializes path, query and header values as the OpenAPI specification's style tables show", async () => {
    reply((res) => res.writeHead(200, { "content-type": "application/json" }).end("[]"));
    await findThings(client(), {
      ids: ["blue", "black", "brown"],
      range: { from: 1, to: 2 },
      color: ["blue", "black"],
      tags: ["blue", "black", "brown"],
      names: ["blue", "black"],
      filter: { status: "active", plan: "pro plus" },
      fields: ["id", "name"],
      point: { x: 1, y: 2 },
      page: 3,
      flags: ["a", "b"],
      meta: { role: "admin", tier: "gold" },
    });
    const { url: path, headers } = last();
    const [pathname, search] = path.split("?") as [string, string];
    // OpenAPI 3.1 §4.8.12.5: simple array "blue,black,brown"; matrix exploded object ";R=100;G=200"; label array ".blue,black".
    expect(pathname).toBe("/v1/things/blue,black,brown/;from=1;to=2/.blue,black");
    expect(search.split("&")).toEqual([
      "tags=blue|black|brown", // pipeDelimited
      "names=blue%20black", // spaceDelimited
      "filter[status]=active", // deepObject
      "filter[plan]=pro%20plus",
      "fields=id,name", // form, explode: false
      "x=1", // form object, exploded
      "y=2",
      "page=3",
    ]);
    expect(qs.parse(search).filter).toEqual({ status: "active", plan: "pro plus" });
    expect(headers["x-flags"]).toBe("a,b"); // simple array
    expect(headers["x-meta"]).toBe("role=admin,tier=gold"); // simple object, exploded
  });

  it("checks a styled header value after serializing it", async () => {
    const call = findThings(client(), { ids: ["a"], range: { from: 1 }, color: ["c"], flags: ["a\r\nX-Evil: 1"] });
    await expect(call).rejects.toThrow(/header-injection/);
    expect(server.received).toHaveLength(0);
  });
});

describe("a cursor-paginated list", () => {
  it("follows the cursor with the caller's page size, page by page, and stops at hasMore: false without another request", async () => {
    const pages = [
      { data: [{ id: "s_1" }, { id: "s_2" }], hasMore: true, nextCursor: "s_2" },
      { data: [{ id: "s_3" }], hasMore: false, nextCursor: "s_3" },
    ];
    server.handle((_req, res, i) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(pages[i])));
    const ids: string[] = [];
    for await (const item of paginateListSubscriptions(client(), { limit: 2 }).items()) ids.push(item.id);
    expect(ids).toEqual(["s_1", "s_2", "s_3"]);
    expect(server.received.map((r) => r.url)).toEqual(["/v1/subscriptions?limit=2", "/v1/subscriptions?startingAfter=s_2&limit=2"]);
  });
});

describe("an idempotency-keyed create", () => {
  it("sends one generated token per call, the same on the retry of a POST; a caller's token as given", async () => {
    server.handle((_req, res, i) =>
      i === 0 ? res.writeHead(503).end() : res.writeHead(201, { "content-type": "application/json" }).end('{"id":"sub_1"}'),
    );
    const { data } = await createSubscription(client(), { plan: "pro" });
    expect(data).toEqual({ id: "sub_1" });
    const sent = server.received.map((r) => JSON.parse(r.body) as { plan: string; clientToken: string });
    expect(sent).toHaveLength(2);
    expect(sent[0]!.clientToken).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent[1]).toEqual(sent[0]);
    server.reset();
    server.handle((_req, res) => res.writeHead(201, { "content-type": "application/json" }).end('{"id":"sub_2"}'));
    await createSubscription(client(), { plan: "pro", clientToken: "mine-1" });
    expect(JSON.parse(last().body)).toEqual({ plan: "pro", clientToken: "mine-1" });
  });
});
