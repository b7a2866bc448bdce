/** The package version is the source of truth; specs/<id>/openapi.yaml info.version follows it. */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { mismatches, readSpecVersion, setSpecVersion, syncVersions, versionPairs } from "../src/versions.js";
import { findRoot } from "../src/workspace.js";

const root = findRoot(new URL(".", import.meta.url).pathname);
const cli = join(new URL(".", import.meta.url).pathname, "..", "dist", "cli.js");

it("every API spec's info.version equals its package version (run `pnpm version-packages` if not)", async () => {
  expect((await versionPairs(root)).map((p) => p.name)).toEqual(expect.arrayContaining(["@subscription-apis/mayar"]));
  expect(await mismatches(root)).toEqual([]);
});

it("rewrites only the info.version scalar, byte for byte elsewhere", () => {
  const source = readFileSync(join(root, "specs", "mayar", "openapi.yaml"), "utf8");
  const next = setSpecVersion(source, "12.34.56");
  expect(readSpecVersion(next).value).toBe("12.34.56");
  const a = source.split("\n");
  const b = next.split("\n");
  expect(b.length).toBe(a.length);
  const changed = a.map((line, i) => [line, b[i]]).filter(([x, y]) => x !== y);
  expect(changed).toEqual([[expect.stringMatching(/^ {2}version: /), "  version: 12.34.56"]]);
});

describe("on a scratch workspace", () => {
  const tmp = mkdtempSync(join(tmpdir(), "sapi-versions-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  writeFileSync(join(tmp, "pnpm-workspace.yaml"), "packages: [packages/*]\n");
  writeFileSync(join(tmp, "redocly.yaml"), "apis:\n  acme@v1:\n    root: specs/acme/openapi.yaml\n");
  mkdirSync(join(tmp, "packages", "acme"), { recursive: true });
  mkdirSync(join(tmp, "packages", "internal"), { recursive: true });
  mkdirSync(join(tmp, "specs", "acme"), { recursive: true });
  writeFileSync(join(tmp, "packages", "acme", "package.json"), JSON.stringify({ name: "@x/acme", version: "2.1.0" }));
  writeFileSync(
    join(tmp, "packages", "internal", "package.json"),
    JSON.stringify({ name: "@x/internal", version: "0.0.0", private: true }),
  );
  const spec = join(tmp, "specs", "acme", "openapi.yaml");
  writeFileSync(spec, "openapi: 3.1.0\ninfo:\n  title: Acme # the vendor\n  version: '2.0.0' # follows package.json\npaths: {}\n");
  const check = () => spawnSync(process.execPath, [cli, "sync-versions", "--check"], { cwd: tmp, encoding: "utf8" });

  it("`sync-versions --check` fails while they differ, naming the file and both versions", async () => {
    expect(await mismatches(tmp)).toEqual(["specs/acme/openapi.yaml: info.version is 2.0.0 but @x/acme is 2.1.0"]);
    const r = check();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("info.version is 2.0.0 but @x/acme is 2.1.0");
  });

  it("`sync-versions` copies the package version into the spec, keeping comments", async () => {
    expect(await syncVersions(tmp)).toEqual(["specs/acme/openapi.yaml: 2.0.0 -> 2.1.0"]);
    expect(readFileSync(spec, "utf8")).toBe(
      "openapi: 3.1.0\ninfo:\n  title: Acme # the vendor\n  version: 2.1.0 # follows package.json\npaths: {}\n",
    );
    expect(check().status).toBe(0);
    expect(await syncVersions(tmp)).toEqual([]);
  });
});
