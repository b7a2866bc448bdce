/**
 * Idempotency tokens: one per call, the caller's own kept. That a retry repeats the call's token byte for byte is
 * checked in every idempotency-token cell of the fault matrix (tools/reliability).
 */
import { expect, it } from "vitest";
import { CORE, withIdempotencyToken } from "../dist/internal.js";
import { pagedClient, tokenOp } from "./fixture.js";
import { json, useServer } from "./helpers.js";

const server = useServer();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** What the generated operation function does for an operation with `x-idempotency-token` on `clientToken`. */
const create = (input: { item: string; clientToken?: string }) =>
  pagedClient(server.url)[CORE].call(tokenOp, withIdempotencyToken(input, "clientToken"));
const tokens = () => server.requests.map((r) => (JSON.parse(r.body) as { clientToken?: string }).clientToken);

it("a new call gets a new token", async () => {
  server.handle((_req, res) => json(res, 201, { id: "o" }));
  await create({ item: "a" });
  await create({ item: "b" });
  const [a, b] = tokens();
  expect(a).toMatch(UUID);
  expect(b).toMatch(UUID);
  expect(a).not.toBe(b);
});

it("keeps the caller's token (on every retry) and does not touch the caller's input object", async () => {
  server.handle((_req, res, _rec, n) => (n === 1 ? json(res, 503, { message: "busy" }) : json(res, 201, { id: "o" })));
  const input = { item: "a", clientToken: "my-token-1" };
  await create(input);
  expect(tokens()).toEqual(["my-token-1", "my-token-1"]);
  const bare = { item: "a" };
  expect(withIdempotencyToken(bare, "clientToken")).not.toBe(bare);
  expect(bare).toEqual({ item: "a" });
});
