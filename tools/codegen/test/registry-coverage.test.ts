/**
 * The workspace packages that cover every API (docs site, release tools, benchmarks) depend on
 * every API package of redocly.yaml (`pnpm new-api` adds the dependency; without it their imports fail or turbo
 * does not build the package first). The per-API entries inside them are checked by each one's own coverage test.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { findRoot, loadRegistry } from "../src/index.js";
import { AGGREGATES } from "../src/scaffold.js";

const root = findRoot(new URL(".", import.meta.url).pathname);
const { apis } = await loadRegistry(root);

it("every aggregate manifest depends on every API package of redocly.yaml", () => {
  expect(apis.length).toBeGreaterThanOrEqual(5);
  const problems: string[] = [];
  for (const [rel, field] of AGGREGATES) {
    const pkg = JSON.parse(readFileSync(join(root, rel), "utf8")) as Record<string, Record<string, string> | undefined>;
    for (const { id } of apis) {
      if (!pkg[field]?.[`@subscription-apis/${id}`])
        problems.push(`${rel}: no ${field} entry "@subscription-apis/${id}": "workspace:*" (pnpm new-api ${id} adds it)`);
    }
  }
  expect(problems, problems.join("\n")).toEqual([]);
});
