/**
 * Keeps `pnpm bench` working: runs every section of the harness in its tiny mode (a few iterations, one
 * synthetic API) and checks the shape of what BENCHMARKS.md and bench-results.json are made of.
 * No timing assertions: the numbers of a tiny run mean nothing.
 */
import { describe, expect, it } from "vitest";
import { CLIENT_IDS, renderMarkdown, runBench, SECTIONS, toReportInput, type BenchResults } from "../src/index.js";

const pos = (n: unknown) => typeof n === "number" && Number.isFinite(n) && n > 0;

describe("runBench (tiny mode)", () => {
  let results: BenchResults;

  it("runs every section without error", async () => {
    results = await runBench({ mode: "tiny", scale: [1] });
    expect(results.errors).toEqual({});
    // It must survive JSON (bench-results.json).
    expect(JSON.parse(JSON.stringify(results)).schema).toBe(1);
  }, 300_000);

  it("fills the table: every row has every column", () => {
    expect(results.rows.length).toBeGreaterThan(0);
    for (const r of results.rows) {
      expect(SECTIONS).toContain(r.section);
      for (const k of ["figure", "ours", "alternative", "ratio", "goal", "how"] as const)
        expect(typeof r[k], `${r.figure}: ${k}`).toBe("string");
      expect(r.met === null || typeof r.met === "boolean").toBe(true);
      expect(r.ratioValue === null || typeof r.ratioValue === "number").toBe(true);
    }
    const count = (s: string) => results.rows.filter((r) => r.section === s).length;
    expect(count("per-call")).toBe(2 * CLIENT_IDS.length);
    expect(count("aws")).toBe(2);
    // One per client, plus one operation of a 10-operation API vs a 1-operation API (judged) and its all-operations client.
    expect(count("bundle")).toBe(CLIENT_IDS.length + 2);
    expect(count("typecheck")).toBe(1);
    expect(count("pipeline")).toBe(1);
    // The goals the issues set are judged: per call (3 non-AWS), AWS vs SDK, bundle (5), flat as operations are added (1).
    expect(results.rows.filter((r) => r.met !== null).length).toBe(3 + 1 + CLIENT_IDS.length + 1);
  });

  it("keeps the raw numbers of every section", () => {
    const { perCall, aws, bundle, typecheck, pipeline } = results.raw;
    expect(perCall?.clients.map((c) => c.id)).toEqual([...CLIENT_IDS]);
    for (const c of perCall!.clients) {
      expect(pos(c.ours.opsMedian) && pos(c.openapiFetch.opsMedian) && pos(c.rawFetch.opsMedian), c.id).toBe(true);
      expect(pos(c.ratioVsOpenapiFetch.median), c.id).toBe(true);
    }
    expect(pos(aws?.stub.ours.opsMedian) && pos(aws?.stub.sdk.opsMedian) && pos(aws?.stub.ratio.median)).toBe(true);
    expect(aws?.http.calls).toBe(20);
    expect(pos(aws?.http.ours.callsPerSecond) && pos(aws?.http.sdk.callsPerSecond)).toBe(true);
    expect(aws?.authorization.ours).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/us-east-1\/qbusiness\/aws4_request/);
    expect(aws?.authorization.sdk).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/us-east-1\/qbusiness\/aws4_request/);
    expect(bundle?.sizes.map((s) => s.consumer).sort()).toEqual([...CLIENT_IDS, "aws-sdk-qbusiness", "openapi-fetch"].sort());
    // Tree-shakable operations (sizes do not depend on the machine's load): one imported operation of a
    // 10-operation API bundles as much as of a 1-operation API, while the all-operations client grows.
    const [one, ten] = bundle!.operationScaling!;
    expect([one!.operations, ten!.operations]).toEqual([1, 10]);
    expect(ten!.oneOperation.minified).toBeLessThanOrEqual(one!.oneOperation.minified * 1.01);
    expect(ten!.allOperationsClient.minified).toBeGreaterThan(one!.allOperationsClient.minified * 1.2);
    for (const s of bundle!.sizes) {
      expect(pos(s.minified) && pos(s.gzip) && pos(s.brotli), s.consumer).toBe(true);
      expect(s.gzip).toBeLessThan(s.minified);
      expect(s.byPackage.length, s.consumer).toBeGreaterThan(0);
    }
    expect(pos(typecheck?.pairs[0]?.ours.instantiations) && pos(typecheck?.pairs[0]?.openapiFetch.wallMedianMs)).toBe(true);
    expect(pipeline?.scale).toHaveLength(1);
    expect(pipeline?.scale[0]?.apis).toBe(1);
    expect(pos(pipeline?.scale[0]?.run.wallMs)).toBe(true);
    expect(Object.keys(pipeline!.scale[0]!.taskMeanMs).sort()).toEqual(["build", "bundle", "generate", "lint"]);
  });

  it("renders BENCHMARKS.md: environment, goals and one table per section", () => {
    const md = renderMarkdown(toReportInput(results));
    expect(md).toMatch(/^# Benchmarks\n/);
    expect(md).toContain(`| ${results.env.node} (V8`);
    expect(md).toContain("## Goals");
    for (const title of ["1. Per-call overhead", "2. AWS", "3. Bundle size", "4. Pipeline", "5. Type-check cost"])
      expect(md).toContain(`## ${title}`);
    expect(md).toContain("| figure | ours | the alternative | ratio | goal | met? | how measured |");
    // Every missed goal is called out.
    const missed = results.rows.filter((r) => r.met === false);
    expect(md.split("**no**").length - 1).toBeGreaterThanOrEqual(missed.length);
  });
});
