/** JSON bodies of any schema: a body whose schema is not an object with properties is one `body` input. */
import { beforeEach, expect, it } from "vitest";
import { ValidationError } from "../dist/index.js";
import { CORE } from "../dist/internal.js";
import { pagedClient, stringBodyOp } from "./fixture.js";
import { json, rejection, useServer } from "./helpers.js";

const server = useServer();
beforeEach(() => server.handle((_req, res) => json(res, 200, false)));

const call = (input: Record<string, unknown>) => pagedClient(server.url)[CORE].call(stringBodyOp, input);

it("sends the `body` input as the whole JSON body (a JSON string) and reads a JSON boolean", async () => {
  const result = await call({ orderId: "o-1", body: 'PO "7"' });
  expect(result.data).toBe(false);
  expect(server.requests.map((r) => [r.method, r.url, r.headers["content-type"], r.body])).toEqual([
    ["PATCH", "/orders/o-1/po-number", "application/json", JSON.stringify('PO "7"')],
  ]);
});

it("validates the body against its schema and sends nothing when it is left out of an optional body", async () => {
  const err = await rejection(call({ orderId: "o-1", body: "far too long a PO" }));
  expect(err).toBeInstanceOf(ValidationError);
  expect((err as Error).message).toContain("body");
  expect((err as Error).message).not.toContain("body ()");
  expect(server.requests).toHaveLength(0);
  await call({ orderId: "o-2" });
  expect(server.requests.map((r) => [r.body, r.headers["content-type"]])).toEqual([["", undefined]]);
});
