/** The harness's inputs, without running a benchmark (part of `pnpm test`; the tiny run of every section is test:e2e). */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findRoot, loadRegistry } from "@subscription-apis/test-kit/workspace";
import { describe, expect, it } from "vitest";
import { classify, CLIENT_IDS, documented, writeSynthSpec } from "../src/index.js";

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

  it("a synthetic API's spec folder is a copy of a registered one", async () => {
    const tmp = mkdtempSync(join(tmpdir(), "sapi-synth-"));
    try {
      const source = (await loadRegistry(findRoot())).apis[0]!.root;
      writeSynthSpec(tmp, "synth-001", source);
      expect(readFileSync(join(tmp, "specs", "synth-001", "openapi.yaml"), "utf8")).toBe(readFileSync(source, "utf8"));
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it("groups profile frames by package or workspace file", () => {
    expect(classify("file:///w/node_modules/.pnpm/openapi-fetch@0.17.0/node_modules/openapi-fetch/dist/index.mjs")).toBe("openapi-fetch");
    expect(classify("file:///w/node_modules/.pnpm/x/node_modules/@smithy/core/dist/index.js")).toBe("@smithy/core");
    expect(classify("file:///w/packages/runtime/dist/client.js")).toBe("runtime/dist/client.js");
    expect(classify("node:internal/deps/undici/undici")).toBe("(node internals)");
  });
});
