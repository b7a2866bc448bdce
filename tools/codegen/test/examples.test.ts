import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bundleApi, findRoot, loadRegistry } from "../src/index.js";
import { collectExamples, createValidator } from "./examples.js";

const root = findRoot(new URL(".", import.meta.url).pathname);
const { config, apis } = await loadRegistry(root);

describe("every example in every spec validates against its schema (Ajv, draft 2020-12, formats on)", () => {
  it.each(apis.map((a) => [a.id, a] as const))("%s", async (_id, api) => {
    const doc = await bundleApi(api, config, root);
    const cases = collectExamples(doc);
    expect(cases.length).toBeGreaterThan(5);
    const validate = createValidator(doc);
    const problems = cases.flatMap((c) => validate(c));
    expect(problems).toEqual([]);
  });
});

describe("a broken example fails the check (temporary copy, the spec is not edited)", () => {
  const tmp = mkdtempSync(join(tmpdir(), "sapi-examples-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it("reports the example that violates its pattern", async () => {
    cpSync(join(root, "specs", "aws-security-ir"), join(tmp, "specs", "aws-security-ir"), { recursive: true });
    writeFileSync(join(tmp, "pnpm-workspace.yaml"), "packages: []\n");
    writeFileSync(join(tmp, "redocly.yaml"), "apis:\n  aws-security-ir@v1:\n    root: specs/aws-security-ir/openapi.yaml\n");
    const param = join(tmp, "specs", "aws-security-ir", "components", "parameters", "MembershipId.yaml");
    const text = readFileSync(param, "utf8");
    expect(text).toMatch(/^example: m-abcd1234efgh$/m);
    writeFileSync(param, text.replace(/^example: m-abcd1234efgh$/m, "example: not-a-membership-id"));

    const reg = await loadRegistry(tmp);
    const doc = await bundleApi(reg.apis[0]!, reg.config, tmp);
    const validate = createValidator(doc);
    const problems = collectExamples(doc).flatMap((c) => validate(c));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join("\n")).toContain("must match pattern");
    expect(problems.join("\n")).toContain("MembershipId");
  });
});
