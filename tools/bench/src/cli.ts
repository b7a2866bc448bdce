#!/usr/bin/env node
/** pnpm bench [--quick] [--only=per-call,aws,bundle,typecheck,pipeline] [--out <dir>] [--pipeline-source=head|worktree] [--keep-workspace] */
import { mkdirSync } from "node:fs";
import { relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { findRepoRoot, runBench, SECTIONS, type Section, writeResults } from "./index.js";

const USAGE = `Usage: pnpm bench [--quick] [--only=${SECTIONS.join(",")}] [--out <dir>] [--pipeline-source=head|worktree] [--keep-workspace]

  (default)          full run for BENCHMARKS.md (< 10 min on 2 cores)
  --quick            CI mode: fewer rounds, 1k HTTP calls, N=10 synthetic APIs (< 2 min)
  --only=a,b         run only these sections
  --out <dir>        where to write BENCHMARKS.md and bench-results.json (default: the repo root)
  --pipeline-source  head (default): measure a git clone of HEAD; worktree: a copy of the work tree incl. uncommitted files
  --keep-workspace   keep the pipeline's temporary workspace`;

async function main(): Promise<number> {
  const { values: v } = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== "--"),
    options: {
      quick: { type: "boolean" },
      tiny: { type: "boolean" },
      only: { type: "string" },
      out: { type: "string" },
      "pipeline-source": { type: "string", default: "head" },
      "keep-workspace": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const only = v.only?.split(",").filter(Boolean) as Section[] | undefined;
  const bad = [
    ...(only ?? []).filter((s) => !SECTIONS.includes(s)),
    ...(["head", "worktree"].includes(v["pipeline-source"]) ? [] : [`--pipeline-source=${v["pipeline-source"]}`]),
  ];
  if (v.help || bad.length) {
    (bad.length ? console.error : console.log)(`${bad.length ? `unknown: ${bad.join(", ")}\n\n` : ""}${USAGE}`);
    return bad.length ? 2 : 0;
  }
  // pnpm runs root scripts from the root; INIT_CWD is where the user typed the command.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const outDir = v.out === undefined ? findRepoRoot() : resolve(cwd, v.out);
  mkdirSync(outDir, { recursive: true });
  const results = await runBench({
    mode: v.quick ? "quick" : v.tiny ? "tiny" : "full",
    only,
    pipelineSource: v["pipeline-source"] as "head" | "worktree",
    keepWorkspace: v["keep-workspace"],
    command: `pnpm bench${v.quick ? " --quick" : v.tiny ? " --tiny" : ""}${v.only ? ` --only=${v.only}` : ""}`,
    log: (l) => console.error(l),
  });
  const files = writeResults(results, outDir);
  for (const row of results.rows)
    console.log(`${row.met === false ? "MISSED " : row.met ? "met    " : "       "}${row.figure}: ${row.ours} | ${row.ratio}`);
  console.log(`\nwrote ${relative(cwd, files.markdown)} and ${relative(cwd, files.json)} in ${(results.durationMs / 1000).toFixed(1)} s`);
  const failed = Object.keys(results.errors);
  if (failed.length) console.error(`bench: section(s) failed: ${failed.join(", ")}`);
  return failed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(2);
  },
);
