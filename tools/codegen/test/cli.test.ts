import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findRoot } from "../src/index.js";

const root = findRoot(new URL(".", import.meta.url).pathname);
const cli = join(root, "tools", "codegen", "dist", "cli.js");
const env = { ...process.env, REDOCLY_TELEMETRY: "off", NO_COLOR: "1" };

function run(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: "utf8" });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

/** A throwaway workspace: the real house rules, one API (mayar) and its committed generated files. */
function workspace(): string {
  const tmp = mkdtempSync(join(tmpdir(), "sapi-codegen-"));
  const rules = readFileSync(join(root, "redocly.yaml"), "utf8").split(/^apis:/m)[0];
  writeFileSync(
    join(tmp, "redocly.yaml"),
    `${rules}apis:\n  mayar@v1:\n    root: specs/mayar/openapi.yaml\n    x-openapi-ts:\n      output: packages/mayar/src/generated/schema.ts\n`,
  );
  writeFileSync(join(tmp, "pnpm-workspace.yaml"), "packages:\n  - packages/*\n");
  cpSync(join(root, "redocly.rules.yaml"), join(tmp, "redocly.rules.yaml"));
  cpSync(join(root, "specs", "mayar"), join(tmp, "specs", "mayar"), { recursive: true });
  cpSync(join(root, "packages", "mayar", "src", "generated"), join(tmp, "packages", "mayar", "src", "generated"), { recursive: true });
  return tmp;
}

const tmp = workspace();
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("sapi-codegen check / generate", () => {
  it("fails on a hand edit in src/generated/ with the fix command, and passes after generate", () => {
    const file = join(tmp, "packages", "mayar", "src", "generated", "api.ts");
    const original = readFileSync(file, "utf8");
    writeFileSync(file, original.replace("cancelMembershipMember:", "cancelMembershipMemberHacked:"));
    const bad = run("node", [cli, "check", "mayar"], tmp);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain("stale: packages/mayar/src/generated/api.ts");
    expect(bad.out).toContain("pnpm generate");
    const gen = run("node", [cli, "generate", "mayar"], tmp);
    expect(gen.code).toBe(0);
    expect(readFileSync(file, "utf8")).toBe(original);
    expect(run("node", [cli, "check", "mayar"], tmp).code).toBe(0);
  });

  it("a broken spec fails with file:line and leaves the generated files untouched", () => {
    const before = readFileSync(join(tmp, "packages", "mayar", "src", "generated", "schema.ts"), "utf8");
    const spec = join(tmp, "specs", "mayar", "components", "schemas", "ErrorResponse.yaml");
    const good = readFileSync(spec, "utf8");
    writeFileSync(spec, `${good}\n  broken: [unclosed\n`);
    const r = run("node", [cli, "generate", "mayar"], tmp);
    writeFileSync(spec, good);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/specs\/mayar\/components\/schemas\/ErrorResponse\.yaml:\d+:\d+/);
    expect(readFileSync(join(tmp, "packages", "mayar", "src", "generated", "schema.ts"), "utf8")).toBe(before);
  });

  const members = "paths/memberships_members";
  it.each([
    // [file, from, to, the text of the line the error points at, message]: the surface (an operation, an inline
    // parameter by its array index, an extension) and the factory (a security scheme)
    [`${members}_{memberId}_cancel.yaml`, "operationId: cancelMembershipMember", "x-op: x", "post:", /operation has no operationId/],
    ["components/securitySchemes/bearerApiKey.yaml", "scheme: bearer", "scheme: digest", "type:", /security scheme "bearerApiKey"/],
    [`${members}.yaml`, "- $ref: ../components/parameters/SearchTerm.yaml", "- { name: q, in: cookie }", "{ name: q", /cookie parameter/],
    [`${members}.yaml`, "    items: data", "    items: rows", "    items: rows", /x-pagination items "rows" is not a property path/],
  ])("an error the generator finds in %s is reported at its file:line", (file, from, to, at, message) => {
    const path = join(tmp, "specs", "mayar", file);
    const good = readFileSync(path, "utf8");
    const bad = good.replace(from, to);
    writeFileSync(path, bad);
    const r = run("node", [cli, "generate", "mayar"], tmp);
    writeFileSync(path, good);
    expect(r.code).toBe(1);
    const line = bad.slice(0, bad.indexOf(at)).split("\n").length;
    expect(r.out).toMatch(new RegExp(`specs/mayar/${file.replace(/[{}.]/g, "\\$&")}:${line}:\\d+: ${message.source}`));
  });

  it("openapi-typescript's own CLI reads the same redocly.yaml (Redocly core 1.x) and emits the same types", () => {
    const out = join(tmp, "packages", "mayar", "src", "generated", "schema.ts");
    const ours = readFileSync(out, "utf8");
    const r = run(join(root, "tools", "codegen", "node_modules", ".bin", "openapi-typescript"), ["--redocly", "redocly.yaml"], tmp);
    expect(r.code).toBe(0);
    const theirs = readFileSync(out, "utf8");
    // Ours = our header + eslint marker + exactly what openapi-typescript writes.
    expect(ours.endsWith(theirs)).toBe(true);
    expect(theirs).toContain("cancelMembershipMember");
  });
});

describe("pnpm new-api <id>", () => {
  it("rejects a bad id and an existing API", () => {
    expect(run("node", [cli, "new-api", "Bad_Id"], tmp).out).toContain("not a valid API id");
    expect(run("node", [cli, "new-api", "mayar"], tmp).out).toContain("already exists");
  });

  // That the scaffold lints, generates, builds and passes every tool's tests is e2e/new-api.test.ts.
  it("scaffolds the spec, its registry entry and the package shell, and adds it to the aggregates", () => {
    mkdirSync(join(tmp, "tools", "docs"), { recursive: true });
    writeFileSync(
      join(tmp, "tools", "docs", "package.json"),
      JSON.stringify({ name: "docs", dependencies: { "@subscription-apis/mayar": "workspace:*" } }),
    );
    const made = run("node", [cli, "new-api", "example"], tmp);
    expect(made.code).toBe(0);
    // The tools that cover every API depend on each API package (sorted).
    expect(JSON.parse(readFileSync(join(tmp, "tools", "docs", "package.json"), "utf8")).dependencies).toEqual({
      "@subscription-apis/example": "workspace:*",
      "@subscription-apis/mayar": "workspace:*",
    });
    // Nothing per-API is hand-written beyond the spec: no factory, README, usage example or size consumer.
    expect(readFileSync(join(tmp, "packages/example/src/index.ts"), "utf8")).toContain('export * from "./generated/client.js";');
    for (const f of ["packages/example/README.md", "packages/example/examples/usage.ts", "tools/release/size/example.ts"])
      expect(existsSync(join(tmp, f)), f).toBe(false);
    expect(made.out).toContain("updated redocly.yaml");
    expect(readFileSync(join(tmp, "redocly.yaml"), "utf8")).toContain("example@v1:");
    // A second run refuses (nothing is overwritten).
    expect(run("node", [cli, "new-api", "example"], tmp).out).toContain("already exists");
  });
});
