/** BENCHMARKS.md from the results of one run. */
import { type Environment, fmtSeconds, type Mode, type Row, type Section } from "./common.js";

export const SECTION_TITLES: Record<Section, string> = {
  "per-call": "1. Per-call overhead (stubbed `fetch`)",
  aws: "2. AWS: Q Business client vs `@aws-sdk/client-qbusiness`",
  bundle: "3. Bundle size (one-operation browser consumer)",
  pipeline: "4. Pipeline: build times and scale",
  typecheck: "5. Type-check cost for consumers",
};
export const SECTIONS = Object.keys(SECTION_TITLES) as Section[];

export interface ReportInput {
  mode: Mode;
  command: string;
  startedAt: string;
  durationMs: number;
  env: Environment;
  loadAverageEnd: number[];
  versions: Record<string, string>;
  rows: Row[];
  notes: Partial<Record<Section, string[]>>;
  errors: Partial<Record<Section, string>>;
}

const line = (cells: readonly unknown[]) => `| ${cells.map((c) => String(c).replace(/\|/g, "\\|").replace(/\n/g, " ")).join(" | ")} |`;
const met = (m: boolean | null) => (m === null ? "—" : m ? "yes" : "**no**");

/** A Markdown table of `rows` with the given columns (a `Row` key each, `met` shown as yes / **no** / —). */
function table(rows: readonly Row[], columns: Record<string, keyof Row>): string[] {
  const keys = Object.values(columns);
  return [
    line(Object.keys(columns)),
    line(keys.map(() => "---")),
    ...rows.map((r) => line(keys.map((k) => (k === "met" ? met(r.met) : r[k])))),
    "",
  ];
}

export function renderMarkdown(r: ReportInput): string {
  const e = r.env;
  const commit = e.commit ? `${e.commit.slice(0, 12)}${e.dirtyWorktree ? " (+ uncommitted changes)" : ""}` : "—";
  const out: string[] = [
    "# Benchmarks",
    "",
    `Written by \`${r.command}\` ([tools/bench](tools/bench)); do not edit by hand. Raw numbers: [bench-results.json](bench-results.json).`,
    "Every figure is measured side by side, in the same run, with what a user would pick instead; **ratio** is always ours ÷ the alternative of the figure named.",
    "",
    line(["mode", "date", "duration", "Node", "CPU", "cores", "memory", "load average (start → end)", "commit"]),
    line(Array(9).fill("---")),
    line([
      r.mode,
      r.startedAt,
      fmtSeconds(r.durationMs),
      `${e.node} (V8 ${e.v8}, ${e.platform})`,
      e.cpu,
      e.cores,
      `${e.memoryGiB} GiB`,
      `${e.loadAverage.join(", ")} → ${r.loadAverageEnd.join(", ")}`,
      commit,
    ]),
    "",
    `Tools: ${Object.entries(r.versions)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}.`,
    "",
  ];
  if (r.mode !== "full") out.push(`> **${r.mode} mode**: fewer rounds and smaller N than \`pnpm bench\`; numbers are indicative only.`, "");
  const goals = r.rows.filter((x) => x.met !== null);
  if (goals.length) {
    const missed = goals.filter((g) => g.met === false).length;
    out.push("## Goals", "", ...table(goals, { figure: "figure", ours: "ours", ratio: "ratio", goal: "goal", "met?": "met" }));
    out.push(missed ? `${missed} of ${goals.length} goals missed; each section below says why.` : `All ${goals.length} goals met.`, "");
  }
  for (const section of SECTIONS) {
    const rows = r.rows.filter((x) => x.section === section);
    const error = r.errors[section];
    if (!rows.length && !r.notes[section] && !error) continue;
    out.push(`## ${SECTION_TITLES[section]}`, "");
    if (error) out.push(`**This section failed:** \`${error.split("\n")[0]}\` (see the run's output).`, "");
    if (rows.length)
      out.push(
        ...table(rows, {
          figure: "figure",
          ours: "ours",
          "the alternative": "alternative",
          ratio: "ratio",
          goal: "goal",
          "met?": "met",
          "how measured": "how",
        }),
      );
    for (const n of r.notes[section] ?? []) out.push(n, "");
  }
  return `${out.join("\n").trimEnd()}\n`;
}
