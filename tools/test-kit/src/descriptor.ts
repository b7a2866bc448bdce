/**
 * The suite every client package runs on its generated descriptor (`src/generated/descriptor.ts`): each operation,
 * called with the spec's example input against a local server answering the spec's example response, sends the
 * documented method and path with the expected auth and returns the example body; each documented error status
 * (or AWS error code) of the cancel operation becomes its typed code; no fake secret reaches an error.
 */
import type { ServerResponse } from "node:http";
import type { ApiDescriptor } from "@subscription-apis/runtime/internal";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { signatureIsValid } from "./aws.js";
import { expectNoSecrets, send, startServer, type Received, type TestServer } from "./server.js";

type Call = (input: unknown, options?: unknown) => Promise<{ data?: unknown; error?: { code: string; status: number } & Error }>;

/** `/v1/{id}` + `{ id: "a b" }` -> `/v1/a%20b` (path parameters are input keys of the same name). */
const fill = (path: string, input: Readonly<Record<string, unknown>>) =>
  path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(input[name])));

export function describeDescriptor(d: ApiDescriptor): void {
  let server: TestServer;
  let tokenRequests = 0;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.reset();
    tokenRequests = 0;
  });
  const client = () => d.createClient({ ...d.fakeOptions(server.origin), retry: { maxAttempts: 1 } }) as Record<string, Call>;
  /** Token requests of an OAuth2-only API are answered with the fake secret as the token. */
  const answer = (reply: (req: Received, res: ServerResponse) => void) =>
    server.handle((req, res) => {
      if (req.pathname === "/oauth2/token") {
        tokenRequests++;
        return send(res, 200, { access_token: d.secrets[0], expires_in: 3600, token_type: "Bearer" });
      }
      reply(req, res);
    });
  const apiRequest = () => server.received.find((r) => r.pathname !== "/oauth2/token")!;
  const checkAuth = async (req: Received) => {
    const a = d.auth;
    if (a.kind === "header") expect(req.headers[a.header]).toBe(a.value);
    else if (a.kind === "query") expect(req.query[a.name]).toBe(a.value);
    else expect(await signatureIsValid(req, { ...a, service: a.signingName })).toBe(true);
  };

  describe(`${d.packageName}: every operation with the spec's example input and response`, () => {
    it.each(Object.values(d.operations))("$name", async (op) => {
      answer((_req, res) => send(res, op.exampleResponse.status, op.exampleResponse.body));
      const { data, error } = await client()[op.name]!(op.exampleInput);
      expect(error).toBeUndefined();
      expect(data).toEqual(op.exampleResponse.body);
      const req = apiRequest();
      expect(req.method).toBe(op.method.toUpperCase());
      expect(req.pathname).toBe(new URL(`${server.origin}${fill(op.path, op.exampleInput)}`).pathname.replace(/^\/+/, "/"));
      await checkAuth(req);
      if (op.idempotencyToken) expect(req.body + req.url).toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-/);
      expect(tokenRequests).toBeLessThanOrEqual(1);
    });
  });

  const cancel = d.operations[d.cancelOperation]!;
  const documented = cancel.errorCodes
    ? Object.entries(cancel.errorCodes).map(([code, status]) => ({ code, status, headers: { "x-amzn-errortype": code } }))
    : Object.entries(cancel.errors)
        .filter(([s]) => s !== "default")
        .map(([s, code]) => ({ code, status: Number(s), headers: {} }));
  describe(`${d.packageName}: the documented errors of ${d.cancelOperation}`, () => {
    it.each(documented)("$status -> $code", async ({ code, status, headers }) => {
      answer((_req, res) => send(res, status, { message: `refused ${d.secrets.join(" ")}` }, headers));
      const { error } = await client()[d.cancelOperation]!(cancel.exampleInput);
      expect(error?.code).toBe(code);
      expect(error?.status).toBe(status);
      expectNoSecrets(error, d.secrets);
    });
  });
}
