/**
 * The README's "Testing your code" section where no real API reaches: an operation with nothing to break, with no
 * documented error, or with a 409 but no 404. (What each real API's section shows is pinned by `pnpm generate:check` in its README.md, and the
 * release round trip runs every one of them from the published package against its `./testing` mock.)
 */
import { expect, it } from "vitest";
import { testingExample } from "../src/index.js";

const example = (errors: Record<string, { code: string }>) =>
  testingExample({
    name: "Acme",
    api: {
      id: "acme",
      title: "Acme API",
      protocol: "http",
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      operations: { getThing: { operationId: "getThing", method: "get", path: "/things", params: [], success: [200], errors } },
    },
    examples: {},
  });

it("an operation with nothing to break, and no documented error, leaves those cases out", () => {
  const code = example({});
  expect(code).toContain('import { createAcmeClient } from "@subscription-apis/acme";');
  expect(code).toContain("gets the spec's example response");
  expect(code).not.toContain("rawClient");
  expect(code).not.toContain("a documented error");
});

it("without a documented 404, the documented error shown is the 409 (before 400 and 403)", () => {
  const code = example({ "400": { code: "BadRequest" }, "409": { code: "Conflict" } });
  expect(code).toContain('mock.scenario("getThing", { status: 409 });');
  expect(code).toContain('expect(error?.code).toBe("Conflict");');
});
