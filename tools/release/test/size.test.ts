/** The size budgets: one per publishable package, issue 4's targets recorded, and an over-budget bundle fails. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { checkSizes, formatSizes, readBudgets } from "../src/size.js";
import { findRoot, publicPackages, toolDir } from "../src/workspace.js";

const root = findRoot(new URL(".", import.meta.url).pathname);
const budgets = readBudgets();

it("has a budget and a one-operation consumer for every publishable package", async () => {
  const names = (await publicPackages(root)).map((p) => p.name).sort();
  const unmeasured = names.filter((n) => !budgets.packages[n]);
  expect(
    unmeasured,
    `no size budget for ${unmeasured.join(", ")}: add it to tools/release/size-budgets.json with a consumer in tools/release/size/ (pnpm new-api writes both)`,
  ).toEqual([]);
  expect(Object.keys(budgets.packages).sort()).toEqual(names);
  for (const [name, b] of Object.entries(budgets.packages)) {
    expect(existsSync(join(toolDir, b.consumer)), name).toBe(true);
    expect(b.budget, name).toBeGreaterThan(0);
  }
});

it("records issue 4's targets: AWS clients 10 kB, other clients 5 kB (min+gzip)", () => {
  for (const [name, b] of Object.entries(budgets.packages)) {
    if (name.endsWith("/runtime")) continue;
    expect(b.target, name).toBe(name.includes("/aws-") ? 10_000 : 5_000);
  }
});

it("fails a package whose bundle is over its budget, and names the largest inputs", async () => {
  const entry = budgets.packages["@subscription-apis/mayar"]!;
  const [ok] = await checkSizes({ packages: { "@subscription-apis/mayar": { ...entry, budget: 1_000_000 } } });
  expect(ok).toMatchObject({ ok: true });
  expect(ok!.gzip).toBeGreaterThan(1000);
  expect(ok!.minified).toBeGreaterThan(ok!.gzip);
  const [over] = await checkSizes({ packages: { "@subscription-apis/mayar": { ...entry, budget: ok!.gzip - 1 } } });
  expect(over).toMatchObject({ ok: false, gzip: ok!.gzip });
  const report = formatSizes([over!]);
  expect(report).toContain("**OVER BUDGET**");
  expect(report).toMatch(/packages\/runtime\/dist\/\w+\.js/);
}, 60_000);
