import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findRoot } from "../src/index.js";

const root = findRoot(new URL(".", import.meta.url).pathname);
const cli = join(root, "tools", "codegen", "dist", "cli.js");
const bin = (name: string) => join(root, "node_modules", ".bin", name);
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
  cpSync(join(root, "specs", "mayar"), join(tmp, "specs", "mayar"), { recursive: true });
  cpSync(join(root, "packages", "mayar", "src", "generated"), join(tmp, "packages", "mayar", "src", "generated"), { recursive: true });
  return tmp;
}

describe("sapi-codegen check / generate", () => {
  let tmp: string;
  beforeAll(() => {
    tmp = workspace();
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it("the committed generated code of every API is up to date", () => {
    const r = run("node", [cli, "check"], root);
    expect(r.out).not.toContain("stale:");
    expect(r.code).toBe(0);
  });

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

  it("an error the generator finds itself (no operationId) is reported at file:line of the path file", () => {
    const path = join(tmp, "specs", "mayar", "paths", "memberships_members_{memberId}_cancel.yaml");
    const good = readFileSync(path, "utf8");
    writeFileSync(path, good.replace("operationId: cancelMembershipMember", "x-operation-id: cancelMembershipMember"));
    const r = run("node", [cli, "generate", "mayar"], tmp);
    writeFileSync(path, good);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/specs\/mayar\/paths\/memberships_members_\{memberId\}_cancel\.yaml:\d+:\d+: operation has no operationId/);
  });

  it("a security scheme the factory cannot build fails at file:line of the scheme", () => {
    const path = join(tmp, "specs", "mayar", "components", "securitySchemes", "bearerApiKey.yaml");
    const good = readFileSync(path, "utf8");
    writeFileSync(path, good.replace("type: http\nscheme: bearer\n", "type: apiKey\nin: cookie\nname: session\n"));
    const r = run("node", [cli, "generate", "mayar"], tmp);
    writeFileSync(path, good);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/specs\/mayar\/components\/securitySchemes\/bearerApiKey\.yaml:\d+:\d+: apiKey in a cookie is not supported/);
  });

  it("an unsupported or dangling x-pagination fails at file:line of the extension", () => {
    const path = join(tmp, "specs", "mayar", "paths", "memberships_members.yaml");
    const good = readFileSync(path, "utf8");
    const cases: [string, RegExp][] = [
      [good.replace("    items: data\n", "    items: rows\n"), /x-pagination items "rows" is not a property path of the success response/],
      [good.replace("    kind: cursor\n", "    kind: link\n"), /x-pagination kind "link" is not one of token, cursor, page, offset/],
      [
        good.replace("    inputToken: startingAfter\n", "    inputToken: after\n"),
        /x-pagination inputToken "after" is not a query, header or body parameter/,
      ],
      [
        good.replace("    kind: cursor\n", "    kind: cursor\n    firstPage: 1\n"),
        /x-pagination of kind cursor does not support "firstPage"/,
      ],
    ];
    for (const [text, message] of cases) {
      writeFileSync(path, text);
      const r = run("node", [cli, "generate", "mayar"], tmp);
      writeFileSync(path, good);
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/specs\/mayar\/paths\/memberships_members\.yaml:\d+:\d+: /);
      expect(r.out).toMatch(message);
    }
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
  let tmp: string;
  beforeAll(() => {
    tmp = workspace();
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it("rejects a bad id and an existing API", () => {
    expect(run("node", [cli, "new-api", "Bad_Id"], tmp).out).toContain("not a valid API id");
    expect(run("node", [cli, "new-api", "mayar"], tmp).out).toContain("already exists");
  });

  it("scaffolds a spec that lints clean and a package shell that generates and compiles", () => {
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
    for (const f of [
      "specs/example/openapi.yaml",
      "specs/example/README.md",
      "packages/example/package.json",
      "packages/example/turbo.json",
    ])
      expect(existsSync(join(tmp, f)), f).toBe(true);
    // Nothing per-API is hand-written beyond the spec: no factory, README, usage example or size consumer.
    expect(readFileSync(join(tmp, "packages/example/src/index.ts"), "utf8")).toContain('export * from "./generated/client.js";');
    for (const f of ["packages/example/README.md", "packages/example/examples/usage.ts", "tools/release/size/example.ts"])
      expect(existsSync(join(tmp, f)), f).toBe(false);
    expect(made.out).toContain("updated redocly.yaml");
    expect(readFileSync(join(tmp, "redocly.yaml"), "utf8")).toContain("example@v1:");
    // A second run refuses (nothing is overwritten).
    expect(run("node", [cli, "new-api", "example"], tmp).out).toContain("already exists");

    const lint = run(bin("redocly"), ["lint", "example@v1", "--config", "redocly.yaml"], tmp);
    expect(lint.out).toContain("valid");
    expect(lint.code).toBe(0);

    expect(run("node", [cli, "generate", "example"], tmp).code).toBe(0);
    expect(readFileSync(join(tmp, "packages/example/src/generated/client.ts"), "utf8")).toContain("export function createExampleClient");
    expect(readFileSync(join(tmp, "packages/example/README.md"), "utf8")).toContain(
      "createExampleClient({\n  apiKey: process.env.EXAMPLE_API_KEY",
    );

    // Compile the new package against the workspace's runtime and openapi-fetch.
    const nm = join(tmp, "packages", "example", "node_modules");
    mkdirSync(join(nm, "@subscription-apis"), { recursive: true });
    symlinkSync(join(root, "packages", "runtime"), join(nm, "@subscription-apis", "runtime"));
    symlinkSync(join(root, "packages", "runtime", "node_modules", "openapi-fetch"), join(nm, "openapi-fetch"));
    cpSync(join(root, "tsconfig.base.json"), join(tmp, "tsconfig.base.json"));
    const tsc = run(bin("tsc"), ["-p", "tsconfig.json"], join(tmp, "packages", "example"));
    expect(tsc.out).toBe("");
    expect(tsc.code).toBe(0);
    expect(existsSync(join(tmp, "packages", "example", "dist", "generated", "descriptor.js"))).toBe(true);
  });
});
