import { beforeEach, describe, expect, it } from "vitest";
import { ValidationError } from "../dist/index.js";
import { CORE, createApiClient } from "../dist/internal.js";
import { clientParamsOp, httpApi } from "./fixture.js";
import { json, rejection, useServer } from "./helpers.js";

const server = useServer();
beforeEach(() => server.handle((_q, res) => json(res, 200, { ok: true })));

let correlation = 0;
const client = () =>
  createApiClient(
    httpApi,
    {},
    {
      baseUrl: server.url,
      timeoutMs: Number.POSITIVE_INFINITY,
      retry: { baseDelayMs: 1 },
      paramDefaults: { tenant: "contoso.example", correlationId: () => `corr-${++correlation}` },
    },
  )[CORE];
const call = (input: Record<string, unknown>, options?: Parameters<ReturnType<typeof client>["call"]>[2]) =>
  client().call(clientParamsOp, { thingId: "t-1", ...input }, options);

describe("a parameter with alternative locations (x-one-of-locations)", () => {
  it("goes to its default location (the JSON body), or where options.locations says (the query: no body, no Content-Type)", async () => {
    await call({ productId: "p-1" });
    await call({ productId: "p-2" }, { locations: { productId: "query" } });
    const [inBody, inQuery] = server.requests;
    expect([inBody!.url, JSON.parse(inBody!.body), inBody!.headers["content-type"]]).toEqual([
      "/things/t-1/stop",
      { productId: "p-1" },
      "application/json",
    ]);
    expect([inQuery!.url, inQuery!.body, inQuery!.headers["content-type"]]).toEqual(["/things/t-1/stop?productId=p-2", "", undefined]);
  });

  it("an undocumented location or no value at all is a ValidationError naming the parameter; nothing is sent", async () => {
    const where = (await rejection(call({ productId: "p" }, { locations: { productId: "header" as never } }))) as ValidationError;
    const missing = (await rejection(call({}))) as ValidationError;
    expect([where, missing].map((e) => [e instanceof ValidationError, e.parameter, e.rule])).toEqual([
      [true, "productId", "location"],
      [true, "productId", "required"],
    ]);
    expect(server.requests).toHaveLength(0);
  });
});

describe("client-level parameters (paramDefaults)", () => {
  it("are sent on every call; a function is called once per call, its value kept on every retry; a call's own value wins", async () => {
    server.handle((_q, res, _rec, n) => json(res, n === 1 ? 503 : 200, {}));
    const before = correlation;
    await call({ productId: "p" });
    await call({ productId: "p" });
    await call({ productId: "p", tenant: "fabrikam.example", correlationId: "mine" });
    const sent = server.requests.map((r) => [r.headers["x-tenant"], r.headers["x-correlation-id"]]);
    expect(sent).toEqual([
      ["contoso.example", `corr-${before + 1}`],
      ["contoso.example", `corr-${before + 1}`],
      ["contoso.example", `corr-${before + 2}`],
      ["fabrikam.example", "mine"],
    ]);
  });
});
