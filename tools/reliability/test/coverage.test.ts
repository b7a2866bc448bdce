/**
 * Every API of redocly.yaml (the one registry) is in the suite's client table and in the exit child: their
 * per-client adaptors (auth options, a valid input, the method and idempotency the expectations rely on) are
 * written by hand, so a new API must fail here, by name, until it has one.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadRegistry } from "@subscription-apis/codegen";
import { expect, it } from "vitest";
import { CLIENT_IDS, loadClients } from "./support/clients.js";
import { repoRoot } from "./support/paths.js";

const root = repoRoot();
const ids = (await loadRegistry(root)).apis.map((a) => a.id).sort();

/** `[id, problem]` lines for the registered APIs missing from `have`, and for entries of `have` not registered. */
function gaps(have: readonly string[], file: string, what: string): string[] {
  return [
    ...ids.filter((id) => !have.includes(id)).map((id) => `${id}: no ${what} in ${file}`),
    ...have.filter((id) => !ids.includes(id)).map((id) => `${id}: in ${file} but not registered in redocly.yaml`),
  ];
}

it("the registry is not empty (the checks below are not vacuous)", () => {
  expect(ids.length).toBeGreaterThanOrEqual(5);
});

it("tools/reliability/test/support/clients.ts has an adaptor for every API (CLIENT_IDS and a case in loadClients)", async () => {
  const file = "tools/reliability/test/support/clients.ts";
  const cases = (await loadClients()).map((c) => c.id as string);
  const problems = [...gaps(CLIENT_IDS, file, "entry in CLIENT_IDS"), ...gaps(cases, file, "case in loadClients()")];
  expect(problems, `the reliability suite does not cover every API of redocly.yaml:\n${problems.join("\n")}`).toEqual([]);
});

it("tools/reliability/test/fixtures/exit-child.mjs calls every client", () => {
  const file = "tools/reliability/test/fixtures/exit-child.mjs";
  const source = readFileSync(join(root, file), "utf8");
  const imported = [...source.matchAll(/from "@subscription-apis\/([a-z0-9-]+)"/g)].map((m) => m[1]!);
  const called = [...source.matchAll(/\[\s*"([a-z0-9-]+)",\s*create\w+Client\(/g)].map((m) => m[1]!);
  const problems = [...gaps(imported, file, "import"), ...gaps(called, file, "entry in `clients`")];
  expect(problems, `the exit child does not cover every API of redocly.yaml:\n${problems.join("\n")}`).toEqual([]);
});

it("tools/reliability/test/secrets.test.ts has a credential variant for every client, and runs it", () => {
  const file = "tools/reliability/test/secrets.test.ts";
  const source = readFileSync(join(root, file), "utf8");
  const variants = [...source.matchAll(/\bc: c\("([a-z0-9-]+)"\)/g)].map((m) => m[1]!);
  const list = /describe\.each\(\[([^\]]*)\]\)/.exec(source)?.[1] ?? "";
  const labels = [...list.matchAll(/"([^"]+)"/g)].map((m) => m[1]!.replace(/ \(.*\)$/, ""));
  const problems = [
    ...gaps([...new Set(variants)], file, "variant (`c: c(id)`) in `variants`"),
    ...gaps([...new Set(labels)], file, "label in the describe.each list"),
  ];
  expect(problems, `the secrets area does not cover every API of redocly.yaml:\n${problems.join("\n")}`).toEqual([]);
});
