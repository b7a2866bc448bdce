/**
 * A pull request, end to end, in a temp git repo: main has a multi-file spec; a branch makes a breaking change.
 * `spec-diff check` (the built CLI, as CI runs it) fails with a patch changeset and passes with a major one.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { checkApis } from "../src/check.js";

const here = new URL(".", import.meta.url).pathname;
const cli = join(here, "..", "dist", "cli.js");
const repo = mkdtempSync(join(tmpdir(), "spec-diff-pr-"));
const git = (...args: string[]) =>
  execFileSync(
    "git",
    ["-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false", "-c", "core.hooksPath=/dev/null", ...args],
    { cwd: repo, encoding: "utf8" },
  );
const specDiff = (...args: string[]) => {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: repo, encoding: "utf8", env: { ...process.env, REDOCLY_TELEMETRY: "off" } });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
};
const changeset = (bump: string) => writeFileSync(join(repo, ".changeset", "pr.md"), `---\n"@acme/fixture": ${bump}\n---\n\nThe change.\n`);
const memberFile = join(repo, "specs", "fixture", "components", "schemas", "Member.yaml");

beforeAll(() => {
  // main: the fixture spec split like ours (Member in its own file, $ref'd).
  const base = parse(readFileSync(join(here, "fixtures", "base.yaml"), "utf8"));
  const member = base.components.schemas.Member;
  base.components.schemas.Member = { $ref: "components/schemas/Member.yaml" };
  mkdirSync(join(repo, "specs", "fixture", "components", "schemas"), { recursive: true });
  mkdirSync(join(repo, "packages", "fixture"), { recursive: true });
  mkdirSync(join(repo, ".changeset"));
  writeFileSync(join(repo, "specs", "fixture", "openapi.yaml"), stringify(base));
  writeFileSync(memberFile, stringify(member));
  writeFileSync(join(repo, "pnpm-workspace.yaml"), "packages: [packages/*]\n");
  writeFileSync(join(repo, "redocly.yaml"), "apis:\n  fixture@v1:\n    root: specs/fixture/openapi.yaml\n");
  writeFileSync(join(repo, "packages", "fixture", "package.json"), JSON.stringify({ name: "@acme/fixture", version: "1.2.3" }));
  copyFileSync(join(here, "..", "..", "..", ".changeset", "config.json"), join(repo, ".changeset", "config.json"));
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-qm", "base");
  git("checkout", "-qb", "feature");
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe.sequential("a PR that removes a response property", () => {
  it("an unchanged branch passes with no changeset", () => {
    const r = specDiff("check", "--base", "main");
    expect(r.out).toContain("ok   fixture: 0 change(s), requires none");
    expect(r.code).toBe(0);
  });

  it("with only a patch changeset, fails and says why", () => {
    const member = parse(readFileSync(memberFile, "utf8"));
    delete member.properties.status;
    member.required = ["memberId"];
    writeFileSync(memberFile, stringify(member));
    changeset("patch");
    git("add", "-A");
    git("commit", "-qm", "drop status");
    const r = specDiff("check"); // default base: the merge base with main
    expect(r.out).toContain("FAIL fixture: ");
    expect(r.out).toContain("requires major; pending changesets for @acme/fixture: patch");
    expect(r.out).toContain("major  cancelMember: removed response property data.status");
    expect(r.out).toContain("major  getMember: removed response property status");
    expect(r.out).toContain('add a changeset with `"@acme/fixture": major`');
    expect(r.code).toBe(1);
  });

  it("with a minor changeset, still fails", () => {
    changeset("minor");
    expect(specDiff("check", "--base", "main").code).toBe(1);
  });

  it("with a major changeset, passes", () => {
    changeset("major");
    const r = specDiff("check", "--base", "main");
    expect(r.out).toContain("ok   fixture: 2 change(s), requires major; pending changesets for @acme/fixture: major");
    expect(r.code).toBe(0);
  });

  it("a doc-only follow-up needs at least a patch changeset", async () => {
    git("add", "-A");
    git("commit", "-qm", "major changeset");
    git("checkout", "-q", "main");
    git("checkout", "-qb", "docs");
    rmSync(join(repo, ".changeset", "pr.md"), { force: true });
    const member = parse(readFileSync(memberFile, "utf8"));
    member.properties.status.description = "Where the membership stands.";
    writeFileSync(memberFile, stringify(member));
    const [report] = await checkApis(repo, "main");
    expect(report).toMatchObject({ id: "fixture", required: "patch", pending: "none", ok: false });
    expect(specDiff("check").code).toBe(1);
    changeset("patch");
    expect(specDiff("check").code).toBe(0);
  });

  it("`diff` reports without failing, and a bad ref is a clear error", () => {
    const r = specDiff("diff", "--base", "main");
    expect(r.code).toBe(0);
    expect(r.out).toContain("patch  docs: changed description at components.schemas.Member.properties.status");
    const bad = specDiff("check", "--base", "no-such-ref");
    expect(bad.code).toBe(2);
    expect(bad.out).toContain('git ref "no-such-ref" not found');
  });
});
