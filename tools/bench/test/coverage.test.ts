/**
 * `pnpm bench` compares every API of redocly.yaml (the one registry). Its per-client entries (the factory options
 * in fixtures.ts and typecheck.ts, the bundle consumer) are written by hand, so a new API fails here, by name,
 * until it has them.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { loadRegistry } from "@subscription-apis/codegen";
import { expect, it } from "vitest";
import { benchDir, findRepoRoot } from "../src/common.js";
import { CLIENT_IDS } from "../src/index.js";

const root = findRepoRoot();
const ids = (await loadRegistry(root)).apis.map((a) => a.id).sort();

it("the registry is not empty (the check below is not vacuous)", () => {
  expect(ids.length).toBeGreaterThanOrEqual(5);
});

it("benchmarks every API of redocly.yaml", () => {
  const have: readonly string[] = CLIENT_IDS;
  const problems = [
    ...ids
      .filter((id) => !have.includes(id))
      .map(
        (id) =>
          `${id}: not in ClientId/CLIENT_IDS of tools/bench/src/fixtures.ts (add it there, its construction in callSet, its factory in CONSUMER_FACTORIES of tools/bench/src/typecheck.ts)`,
      ),
    ...have
      .filter((id) => !ids.includes(id))
      .map((id) => `${id}: in CLIENT_IDS of tools/bench/src/fixtures.ts but not registered in redocly.yaml`),
    ...ids
      .filter((id) => !existsSync(join(benchDir, "consumers", `${id}.ts`)))
      .map((id) => `${id}: no bundle consumer tools/bench/consumers/${id}.ts`),
  ];
  expect(problems, `the benchmarks do not cover every API of redocly.yaml:\n${problems.join("\n")}`).toEqual([]);
});
