/**
 * Area 5 — broken specs into the tools. `fixtures/base-spec/` is a small spec that lints clean under the real
 * house rules and generates; each `fixtures/bad-specs/<case>/` overlays one or two files on it to break exactly
 * one thing. For every case, in a throwaway workspace (the house rules of the repo's redocly.yaml, the spec as
 * `specs/relfix/`, its previously generated `packages/relfix/src/generated/`):
 *   - `redocly lint` (the repo's CLI), the generator (`tools/codegen/dist/cli.js generate`) and
 *     `tools/spec-diff/dist/cli.js files <base> <broken>` must each exit non-zero,
 *   - name `specs/relfix/<a file the case changed>.yaml:<line>` and the problem,
 *   - and leave every file of the workspace as it was (generated files included).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FigureLog } from "./support/figures.js";
import { run } from "@subscription-apis/test-kit/proc";
import { findRoot } from "@subscription-apis/test-kit/workspace";

const root = findRoot(import.meta.dirname);
const here = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(here, "fixtures");
const ID = "relfix";
const TOOLS = ["redocly lint", "generator", "spec-diff"] as const;
type Tool = (typeof TOOLS)[number];

/** Per case: what the messages must mention (besides file:line). */
const CASES: Record<string, { what: string; mentions: RegExp }> = {
  "invalid-yaml": { what: "invalid YAML (an unclosed flow sequence)", mentions: /parse|yaml|indentation|flow/i },
  "dangling-ref": { what: "a $ref to a file that does not exist", mentions: /resolve|\$ref|ENOENT/i },
  "duplicate-operation-id": { what: "two operations with the same operationId", mentions: /operationId/i },
  "missing-operation-id": { what: "an operation without operationId", mentions: /operationId/i },
  "undeclared-path-param": { what: "a path template parameter no parameter declares", mentions: /partId/ },
  "cookie-parameter": { what: "an unsupported construct: a cookie parameter", mentions: /cookie/i },
};
const CASE_NAMES = Object.keys(CASES);

const env = { ...process.env, REDOCLY_TELEMETRY: "off", NO_COLOR: "1", FORCE_COLOR: "0" };
const redocly = join(here, "..", "node_modules", ".bin", "redocly");
const codegen = join(root, "tools", "codegen", "dist", "cli.js");
const specDiff = join(root, "tools", "spec-diff", "dist", "cli.js");

async function runTool(tool: Tool, cwd: string): Promise<{ code: number; out: string }> {
  const { code, stdout, stderr } = await run(...command(tool), { cwd, env });
  return { code, out: stdout + stderr };
}

function command(tool: Tool): [string, string[]] {
  if (tool === "redocly lint") return [redocly, ["lint", `${ID}@v1`, "--config", "redocly.yaml"]];
  if (tool === "generator") return [process.execPath, [codegen, "generate", ID]];
  return [process.execPath, [specDiff, "files", "base/openapi.yaml", `specs/${ID}/openapi.yaml`]];
}

/** Every file under `dir`, relative to it. */
const filesOf = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => !statSync(join(dir, f)).isDirectory());
/** Every file under `dir` with its content and mtime (to prove nothing was written, renamed or left behind). */
const snapshot = (dir: string) =>
  new Map(filesOf(dir).map((f) => [f, `${statSync(join(dir, f)).mtimeMs}:${readFileSync(join(dir, f), "base64")}`] as const));

const log = new FigureLog(5, "bad-specs", "Broken specs into the tools");
const outcome = new Map<string, string>();
let template: string;
const temps: string[] = [];

beforeAll(async () => {
  template = mkdtempSync(join(tmpdir(), "sapi-reliability-"));
  temps.push(template);
  const rules = readFileSync(join(root, "redocly.yaml"), "utf8").split(/^apis:/m)[0];
  writeFileSync(
    join(template, "redocly.yaml"),
    `${rules}apis:\n  ${ID}@v1:\n    root: specs/${ID}/openapi.yaml\n    x-openapi-ts:\n      output: packages/${ID}/src/generated/schema.ts\n`,
  );
  writeFileSync(join(template, "pnpm-workspace.yaml"), "packages:\n  - packages/*\n");
  cpSync(join(root, "redocly.rules.yaml"), join(template, "redocly.rules.yaml"));
  cpSync(join(FIXTURES, "base-spec"), join(template, "specs", ID), { recursive: true });
  cpSync(join(FIXTURES, "base-spec"), join(template, "base"), { recursive: true });
  mkdirSync(join(template, "packages", ID, "src", "generated"), { recursive: true });
  const gen = await runTool("generator", template);
  if (gen.code !== 0) throw new Error(`the base fixture does not generate:\n${gen.out}`);
});

afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
  for (const tool of TOOLS) {
    const ok = CASE_NAMES.filter((c) => outcome.get(`${c}/${tool}`)?.startsWith("ok")).length;
    log.add({
      figure: `${tool}: broken specs rejected with file:line, files untouched`,
      value: `${ok} / ${CASE_NAMES.length}`,
      bound: `${CASE_NAMES.length} / ${CASE_NAMES.length}`,
      how:
        tool === "redocly lint"
          ? "`redocly lint relfix@v1` with the repo's house rules in a throwaway workspace: exit code != 0, `specs/relfix/<changed file>.yaml:<line>` and the problem in the output, no file changed"
          : tool === "generator"
            ? "`node tools/codegen/dist/cli.js generate relfix` over previously generated files: exit code != 0, file:line of the changed file, generated files byte- and mtime-identical"
            : "`node tools/spec-diff/dist/cli.js files base/openapi.yaml specs/relfix/openapi.yaml`: exit code != 0, file:line of the changed file, no file changed",
      met: ok === CASE_NAMES.length,
    });
  }
  const rows = [`| Case | ${TOOLS.join(" | ")} |`, `| --- | ${TOOLS.map(() => "---").join(" | ")} |`];
  for (const c of CASE_NAMES)
    rows.push(`| ${c}: ${CASES[c]!.what} | ${TOOLS.map((t) => outcome.get(`${c}/${t}`) ?? "not run").join(" | ")} |`);
  log.detail = ["Per case and tool (fixtures in `tools/reliability/test/fixtures/bad-specs/`):", "", ...rows].join("\n");
  log.save();
});

describe("the base fixture is clean (so each broken case fails for its one defect)", () => {
  it.each(TOOLS.map((t) => [t]))("%s exits 0 on the base spec", async (tool) => {
    const r = await runTool(tool, template);
    expect(r.code, r.out).toBe(0);
  });
});

// Each (case, tool) runs in its own copy of the workspace, so the cells can run concurrently.
const CELLS = CASE_NAMES.flatMap((c) => TOOLS.map((t) => [c, t] as const));

describe.concurrent("broken specs", () => {
  it.each(CELLS)("%s / %s: exits non-zero with file:line, leaves every file untouched", async (name, tool) => {
    const ws = mkdtempSync(join(tmpdir(), `sapi-reliability-${name}-`));
    temps.push(ws);
    cpSync(template, ws, { recursive: true });
    const overlay = join(FIXTURES, "bad-specs", name);
    const changed = filesOf(overlay).map((f) => `specs/${ID}/${f}`);
    cpSync(overlay, join(ws, "specs", ID), { recursive: true });
    expect(existsSync(tool === "spec-diff" ? specDiff : tool === "generator" ? codegen : redocly), `${tool} is not built`).toBe(true);
    const before = snapshot(ws);
    const r = await runTool(tool, ws);
    const after = snapshot(ws);
    const at = [...r.out.matchAll(/(specs\/relfix\/[^\s:'"]+\.yaml):(\d+)/g)].map((m) => m[1]!);
    const pointsAtDefect = at.some((f) => changed.includes(f));
    const problems = [
      r.code === 0 ? "exit 0" : "",
      pointsAtDefect ? "" : at.length ? `file:line of an unchanged file (${at[0]})` : "no file:line",
      CASES[name]!.mentions.test(r.out) ? "" : "problem not named",
      [...after].some(([f, v]) => before.get(f) !== v) || after.size !== before.size ? "files changed" : "",
    ].filter(Boolean);
    outcome.set(`${name}/${tool}`, problems.length ? `**FAIL**: ${problems.join(", ")}` : `ok (exit ${r.code})`);
    expect(r.code, r.out).not.toBe(0);
    expect(r.out, `expected specs/${ID}/<one of ${changed.join(", ")}>:<line>`).toMatch(/specs\/relfix\/[^\s:'"]+\.yaml:\d+/);
    expect(pointsAtDefect, `${at.join(", ")} should include one of ${changed.join(", ")}\n${r.out}`).toBe(true);
    expect(r.out).toMatch(CASES[name]!.mentions);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [f, v] of after) expect(v === before.get(f), `${f} was modified`).toBe(true);
  });
});
