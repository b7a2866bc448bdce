/**
 * Every API registered in redocly.yaml (the one registry) is covered by the release harnesses that need a
 * hand-written entry per API. Each check names the API and the file to edit, and runs in milliseconds (the round
 * trip itself, `pnpm test:release`, would only fail after publishing everything).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { CLIENTS_FILE, missingClients } from "../e2e/clients.js";
import { readBudgets } from "../src/size.js";
import { findRoot, publicPackages, registeredSpecs, toolDir } from "../src/workspace.js";

const root = findRoot(new URL(".", import.meta.url).pathname);
const ids = [...registeredSpecs(root).keys()].sort();

it("the registry is not empty (the checks below are not vacuous)", () => {
  expect(ids.length).toBeGreaterThanOrEqual(5);
});

it("the release round trip has a README harness and a smoke-consumer case for every API", () => {
  const missing = missingClients(ids).map(([id, what]) => `${id}: no entry in ${what} of ${CLIENTS_FILE}`);
  expect(missing, `the release round trip does not cover every API of redocly.yaml:\n${missing.join("\n")}`).toEqual([]);
});

it("every API's README embeds its runnable examples/usage.ts verbatim (the example the round trip runs)", () => {
  const problems: string[] = [];
  for (const id of ids) {
    const usage = join(root, "packages", id, "examples", "usage.ts");
    if (!existsSync(usage)) {
      problems.push(
        `${id}: no packages/${id}/examples/usage.ts (a runnable usage example exporting main, embedded verbatim in packages/${id}/README.md)`,
      );
      continue;
    }
    const source = readFileSync(usage, "utf8").trim();
    const blocks = [
      ...readFileSync(join(root, "packages", id, "README.md"), "utf8").matchAll(/^```(?:ts|typescript)\n([\s\S]*?)^```$/gm),
    ].map((m) => m[1]!.trim());
    if (!blocks.includes(source))
      problems.push(`${id}: packages/${id}/README.md does not embed examples/usage.ts verbatim (a \`\`\`ts block)`);
  }
  expect(problems, problems.join("\n")).toEqual([]);
});

it("`pnpm check:size` measures every API: a budget and a consumer each (pnpm new-api writes both)", () => {
  const budgets = readBudgets().packages;
  const missing = ids.filter(
    (id) => !budgets[`@subscription-apis/${id}`] || !existsSync(join(toolDir, budgets[`@subscription-apis/${id}`]!.consumer)),
  );
  const lines = missing.map(
    (id) => `${id}: no budget for @subscription-apis/${id} in tools/release/size-budgets.json or no consumer tools/release/size/${id}.ts`,
  );
  expect(lines, lines.join("\n")).toEqual([]);
  // Every API of the registry is a publishable package (so `publicPackages`, which the gates iterate, covers it).
  expect(
    publicPackages(root)
      .filter((p) => p.spec)
      .map((p) => p.id)
      .sort(),
  ).toEqual(ids);
});
