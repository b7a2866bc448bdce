/** The harness's inputs, without running a benchmark (part of `pnpm test`; the tiny run of every section is test:e2e). */
import { describe, expect, it } from "vitest";
import { CLIENT_IDS, callSet, documented, verify } from "../src/index.js";

describe("fixtures", () => {
  it("reads each spec's documented call: operation, inputs and success body", () => {
    for (const id of CLIENT_IDS) {
      const d = documented(id);
      expect(d.operationId, id).toMatch(/^[a-z][A-Za-z]+$/);
      expect(d.status, id).toBeGreaterThanOrEqual(200);
      expect(d.status, id).toBeLessThan(300);
      expect(Object.keys(d.params.path).length + Object.keys(d.body ?? {}).length, id).toBeGreaterThan(0);
    }
  });

  it("makes the same call three ways (ours, openapi-fetch, bare fetch), each returning the documented body", async () => {
    for (const id of CLIENT_IDS) await verify(callSet(id));
  });
});
