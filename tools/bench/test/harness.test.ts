/**
 * Keeps `pnpm bench` working: runs every section of the harness in its tiny mode (a few iterations, one synthetic
 * API) and checks the shape of what BENCHMARKS.md and bench-results.json are made of.
 * No timing assertions: the numbers of a tiny run mean nothing.
 */
import { describe, expect, it } from "vitest";
import { type BenchResults, CLIENT_IDS, renderMarkdown, runBench, SECTIONS } from "../src/index.js";

const pos = (...ns: unknown[]) => ns.every((n) => typeof n === "number" && Number.isFinite(n) && n > 0);

describe("runBench (tiny mode)", () => {
  let results: BenchResults;

  it("runs every section without error", async () => {
    results = await runBench({ mode: "tiny" });
    expect(results.errors).toEqual({});
    expect(JSON.parse(JSON.stringify(results)).schema).toBe(2); // it survives JSON (bench-results.json)
  }, 1_200_000); // a hang guard, not a timing check: every section in tiny mode takes ~80 s idle, several minutes loaded

  it("fills the table: every row has every column", () => {
    for (const r of results.rows) {
      expect(SECTIONS).toContain(r.section);
      for (const k of ["figure", "ours", "alternative", "ratio", "goal", "how"] as const)
        expect(typeof r[k], `${r.figure}: ${k}`).toBe("string");
      expect(r.met === null || typeof r.met === "boolean").toBe(true);
      expect(r.ratioValue === null || typeof r.ratioValue === "number").toBe(true);
    }
    const count = (s: string) => results.rows.filter((r) => r.section === s).length;
    expect([count("per-call"), count("aws"), count("bundle"), count("typecheck"), count("pipeline")]).toEqual([
      2 * CLIENT_IDS.length,
      2,
      CLIENT_IDS.length + 2, // one per client, one operation of a 10- vs a 1-operation API, its all-operations client
      1,
      1,
    ]);
    // The goals the issues set are judged: per call (non-AWS), AWS vs SDK, bundle (every client), flat as operations are added.
    const nonAws = results.raw.perCall!.clients.filter((c) => !/^aws-/.test(c.id)).length;
    expect(results.rows.filter((r) => r.met !== null).length).toBe(nonAws + 1 + CLIENT_IDS.length + 1);
  });

  it("keeps the raw numbers of every section", () => {
    const { perCall, aws, bundle, typecheck, pipeline } = results.raw;
    expect(perCall?.clients.map((c) => c.id)).toEqual([...CLIENT_IDS]);
    for (const c of perCall!.clients)
      expect(pos(c.stats.ours.ops, c.stats.openapiFetch.ops, c.stats.rawFetch.ops, c.vsOpenapiFetch.median), c.id).toBe(true);
    expect(pos(aws?.stub.stats.ours.ops, aws?.stub.stats.sdk.ops, aws?.stub.ratio.median, aws?.http.ratio.median)).toBe(true);
    expect(aws?.http.calls).toBe(20);
    // Both sides sign with the same keys (the descriptor's fake ones), for the same service and region.
    const credential = (h = "") =>
      /^AWS4-HMAC-SHA256 Credential=(\w+)\/\d{8}(\/[\w-]+\/qbusiness\/aws4_request)/.exec(h)?.slice(1).join("");
    expect(credential(aws?.authorization.ours)).toBeTruthy();
    expect(credential(aws?.authorization.sdk)).toBe(credential(aws?.authorization.ours));
    expect(bundle?.sizes.map((s) => s.consumer).sort()).toEqual([...CLIENT_IDS, "aws-sdk-qbusiness", "openapi-fetch"].sort());
    for (const s of bundle!.sizes) {
      expect(pos(s.minified, s.gzip) && s.gzip < s.minified, s.consumer).toBe(true);
      expect(s.byPackage.length, s.consumer).toBeGreaterThan(0);
    }
    // Tree-shakable operations (sizes do not depend on load): one imported operation of a 10-operation API bundles
    // as much as of a 1-operation API, while the all-operations client grows.
    const [one, ten] = bundle!.operationScaling;
    expect([one!.operations, ten!.operations]).toEqual([1, 10]);
    expect(ten!.oneOperation.minified).toBeLessThanOrEqual(one!.oneOperation.minified * 1.01);
    expect(ten!.allOperationsClient.minified).toBeGreaterThan(one!.allOperationsClient.minified * 1.2);
    expect(pos(typecheck?.pairs[0]?.ours.instantiations, typecheck?.pairs[0]?.openapiFetch.wallMedianMs)).toBe(true);
    expect(pipeline?.scale.map((s) => s.apis)).toEqual([1]);
    expect(pos(pipeline?.scale[0]?.run.wallMs)).toBe(true);
    expect(Object.keys(pipeline!.scale[0]!.taskMeanMs).sort()).toEqual(["build", "bundle", "generate", "lint"]);
  });

  it("renders BENCHMARKS.md: environment, goals and one table per section", () => {
    const md = renderMarkdown(results);
    expect(md).toMatch(/^# Benchmarks\n/);
    expect(md).toContain(`| ${results.env.node} (V8`);
    expect(md).toContain("## Goals");
    for (const title of ["1. Per-call overhead", "2. AWS", "3. Bundle size", "4. Pipeline", "5. Type-check cost"])
      expect(md).toContain(`## ${title}`);
    expect(md).toContain("| figure | ours | the alternative | ratio | goal | met? | how measured |");
    // Every missed goal is called out.
    expect(md.split("**no**").length - 1).toBeGreaterThanOrEqual(results.rows.filter((r) => r.met === false).length);
  });
});
