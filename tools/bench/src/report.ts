/** BENCHMARKS.md from the results of one run. */
import { fmtSeconds, type Environment, type Mode, type Row } from "./common.js";

export const SECTION_TITLES: Record<Row["section"], string> = {
  "per-call": "1. Per-call overhead (stubbed `fetch`)",
  aws: "2. AWS: Q Business client vs `@aws-sdk/client-qbusiness`",
  bundle: "3. Bundle size (one-operation browser consumer)",
  pipeline: "4. Pipeline: build times and scale",
  typecheck: "5. Type-check cost for consumers",
};

export const SECTION_ORDER: Row["section"][] = ["per-call", "aws", "bundle", "pipeline", "typecheck"];

export interface ReportInput {
  mode: Mode;
  startedAt: string;
  durationMs: number;
  env: Environment;
  loadAverageEnd: number[];
  versions: Record<string, string>;
  rows: Row[];
  notes: Partial<Record<Row["section"], string[]>>;
  errors: Partial<Record<Row["section"], string>>;
  command: string;
}

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
const met = (m: boolean | null) => (m === null ? "—" : m ? "yes" : "**no**");

export function renderMarkdown(r: ReportInput): string {
  const e = r.env;
  const out: string[] = [
    "# Benchmarks",
    "",
    `Written by \`${r.command}\` ([tools/bench](tools/bench)); do not edit by hand. Raw numbers: [bench-results.json](bench-results.json).`,
    `Every figure is measured side by side, in the same run, with what a user would pick instead; **ratio** is always ours ÷ the alternative of the figure named.`,
    "",
    "| mode | date | duration | Node | CPU | cores | memory | load average (start → end) | commit |",
    "| --- | --- | ---: | --- | --- | ---: | ---: | --- | --- |",
    `| ${r.mode} | ${r.startedAt} | ${fmtSeconds(r.durationMs)} | ${e.node} (V8 ${e.v8}, ${e.platform}-${e.arch}) | ${cell(e.cpu)} | ${e.cores} | ${e.memoryGiB} GiB | ${e.loadAverage.join(", ")} → ${r.loadAverageEnd.join(", ")} | ${e.commit ? `${e.commit.slice(0, 12)}${e.dirtyWorktree ? " (+ uncommitted changes)" : ""}` : "—"} |`,
    "",
    `Tools: ${Object.entries(r.versions)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}.`,
    "",
  ];
  if (r.mode !== "full") out.push(`> **${r.mode} mode**: fewer rounds and smaller N than \`pnpm bench\`; numbers are indicative only.`, "");

  const goals = r.rows.filter((x) => x.met !== null);
  if (goals.length) {
    out.push("## Goals", "", "| figure | ours | ratio | goal | met? |", "| --- | --- | --- | --- | --- |");
    for (const g of goals) out.push(`| ${cell(g.figure)} | ${cell(g.ours)} | ${cell(g.ratio)} | ${cell(g.goal)} | ${met(g.met)} |`);
    const missed = goals.filter((g) => g.met === false).length;
    out.push("", missed ? `${missed} of ${goals.length} goals missed; each section below says why.` : `All ${goals.length} goals met.`, "");
  }

  for (const section of SECTION_ORDER) {
    const rows = r.rows.filter((x) => x.section === section);
    const notes = r.notes[section] ?? [];
    const error = r.errors[section];
    if (!rows.length && !notes.length && !error) continue;
    out.push(`## ${SECTION_TITLES[section]}`, "");
    if (error) out.push(`**This section failed:** \`${cell(error.split("\n")[0] ?? error)}\` (see the run's output).`, "");
    if (rows.length) {
      out.push("| figure | ours | the alternative | ratio | goal | met? | how measured |", "| --- | --- | --- | --- | --- | --- | --- |");
      for (const x of rows)
        out.push(
          `| ${cell(x.figure)} | ${cell(x.ours)} | ${cell(x.alternative)} | ${cell(x.ratio)} | ${cell(x.goal)} | ${met(x.met)} | ${cell(x.how)} |`,
        );
      out.push("");
    }
    for (const n of notes) out.push(n, "");
  }
  return `${out.join("\n").trimEnd()}\n`;
}
