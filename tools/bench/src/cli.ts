#!/usr/bin/env node
/**
 * pnpm bench [--quick] [--only=per-call,aws,bundle,typecheck,pipeline] [--out <dir>]
 *            [--pipeline-source=head|worktree] [--keep-workspace]
 */
import { mkdirSync } from "node:fs";
import { isAbsolute, join, relative } from "node:path";
import { findRepoRoot, runBench, SECTIONS, writeResults, type Section } from "./index.js";

const USAGE = `Usage: pnpm bench [--quick] [--only=${SECTIONS.join(",")}] [--out <dir>] [--pipeline-source=head|worktree] [--keep-workspace]

  (default)          full run for BENCHMARKS.md (< 10 min on 2 cores)
  --quick            CI mode: fewer rounds, 1k HTTP calls, N=10 synthetic APIs (< 2 min)
  --only=a,b         run only these sections
  --out <dir>        where to write BENCHMARKS.md and bench-results.json (default: the repo root)
  --pipeline-source  head (default): measure a git clone of HEAD; worktree: a copy of the work tree incl. uncommitted files
  --keep-workspace   keep the pipeline's temporary workspace`;

async function main(argv: string[]): Promise<number> {
  let mode: "full" | "quick" | "tiny" = "full";
  let only: Section[] | undefined;
  let out: string | undefined;
  let source: "head" | "worktree" = "head";
  let keep = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--quick") mode = "quick";
    else if (arg === "--out" && argv[i + 1]) out = argv[++i];
    else if (arg === "--tiny") mode = "tiny";
    else if (arg.startsWith("--only=")) {
      only = arg.slice(7).split(",").filter(Boolean) as Section[];
      const bad = only.filter((s) => !SECTIONS.includes(s));
      if (bad.length) {
        console.error(`unknown section(s): ${bad.join(", ")}\n\n${USAGE}`);
        return 2;
      }
    } else if (arg.startsWith("--out=")) out = arg.slice(6);
    else if (arg === "--pipeline-source=head" || arg === "--pipeline-source=worktree") source = arg.slice(18) as "head" | "worktree";
    else if (arg === "--keep-workspace") keep = true;
    else if (arg === "--help" || arg === "-h") {
      console.log(USAGE);
      return 0;
    } else if (arg !== "--") {
      console.error(`unknown argument: ${arg}\n\n${USAGE}`);
      return 2;
    }
  }
  const root = findRepoRoot();
  // pnpm runs root scripts from the root; INIT_CWD is where the user typed the command.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const outDir = out === undefined ? root : isAbsolute(out) ? out : join(cwd, out);
  mkdirSync(outDir, { recursive: true });
  const command = ["pnpm bench", ...argv.filter((a, i) => a !== "--" && !a.startsWith("--out") && argv[i - 1] !== "--out")].join(" ");
  const results = await runBench({ mode, only, root, pipelineSource: source, keepWorkspace: keep, command, log: (l) => console.error(l) });
  const files = writeResults(results, outDir);
  for (const row of results.rows)
    console.log(`${row.met === false ? "MISSED " : row.met ? "met    " : "       "}${row.figure}: ${row.ours} | ${row.ratio}`);
  console.log(
    `\nwrote ${relative(cwd, files.markdown) || files.markdown} and ${relative(cwd, files.json) || files.json} in ${(results.durationMs / 1000).toFixed(1)} s`,
  );
  const failed = Object.keys(results.errors);
  if (failed.length) {
    console.error(`bench: section(s) failed: ${failed.join(", ")}`);
    return 1;
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  },
);
