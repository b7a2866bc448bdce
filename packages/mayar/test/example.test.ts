import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { examples } from "../dist/generated/examples.js";
import { main } from "../examples/usage.js";
import { send, startServer, type TestServer } from "@subscription-apis/test-kit";

const API_KEY = "mayar-example-key-0c4f7a2d9e51";
const MEMBER_ID = examples["cancelMembershipMember.parameters.path.memberId"];
const PRODUCT_ID = examples["cancelMembershipMember.parameters.query.productId"];

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
beforeEach(() => {
  vi.stubEnv("MAYAR_API_KEY", API_KEY);
  vi.stubEnv("MAYAR_MEMBER_ID", MEMBER_ID);
  vi.stubEnv("MAYAR_PRODUCT_ID", PRODUCT_ID);
  vi.spyOn(console, "log").mockImplementation(() => {});
});
afterEach(() => {
  server.reset();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});
afterAll(() => server.close());

describe("examples/usage.ts", () => {
  it("is embedded verbatim in README.md", () => {
    const example = readFileSync(new URL("../examples/usage.ts", import.meta.url), "utf8");
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    expect(readme).toContain(`\`\`\`ts\n${example}\`\`\``);
  });

  it("cancels the member from the environment and prints the new status", async () => {
    server.handle((_req, res) => send(res, 200, examples["cancelMembershipMember.responses.200.example"]));
    const line = await main(`${server.origin}/hl/v2`);
    expect(line).toBe(`cancelled ${MEMBER_ID}: status stopped`);
    expect(console.log).toHaveBeenCalledWith(line);
    const req = server.received[0]!;
    expect(req.method).toBe("POST");
    expect(req.pathname).toBe(`/hl/v2/memberships/members/${MEMBER_ID}/cancel`);
    expect(req.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(JSON.parse(req.body)).toEqual({ productId: PRODUCT_ID });
  });

  it("switches on error.code: an already stopped member is a BadRequest", async () => {
    const body = examples["cancelMembershipMember.responses.400.memberAlreadyInactive"];
    server.handle((_req, res) => send(res, 400, body));
    expect(await main(`${server.origin}/hl/v2`)).toBe(`rejected: ${body.message}`);
  });

  it("switches on error.code: an unknown member is NotFound", async () => {
    const body = examples["cancelMembershipMember.responses.404.example"];
    server.handle((_req, res) => send(res, 404, body));
    expect(await main(`${server.origin}/hl/v2`)).toBe(`no such member: ${body.message}`);
  });
});
