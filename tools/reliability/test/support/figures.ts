/**
 * Figures: each test file records its area's figures into `.figures/<area>.json` (one file per area, so files
 * running in parallel never write the same file); under `pnpm reliability` the global teardown (render.ts) merges them
 * into RELIABILITY.md at the repo root. Numbers come from the run; everything else is fixed text.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const FIGURES_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", ".figures");

export interface Figure {
  /** What is measured. */
  figure: string;
  /** The measured value, as shown. */
  value: string;
  /** The bound it must meet, as shown. */
  bound: string;
  /** How it was measured. */
  how: string;
  /** Whether the value met the bound in this run. */
  met: boolean;
}

export interface AreaFigures {
  /** Sort key and section title. */
  order: number;
  area: string;
  title: string;
  figures: Figure[];
  /** Optional extra markdown (e.g. the fault matrix grid), deterministic apart from numbers. */
  detail?: string;
}

/** Collects the figures of one area; `save()` writes them atomically (call it in afterAll). */
export class FigureLog {
  readonly figures: Figure[] = [];
  detail: string | undefined;
  constructor(
    readonly order: number,
    readonly area: string,
    readonly title: string,
  ) {}

  add(f: Figure): void {
    const at = this.figures.findIndex((x) => x.figure === f.figure);
    if (at >= 0) this.figures[at] = f;
    else this.figures.push(f);
    console.log(`[figure] ${this.area}: ${f.figure} = ${f.value} (bound ${f.bound}) ${f.met ? "ok" : "NOT MET"}`);
  }

  save(): void {
    mkdirSync(FIGURES_DIR, { recursive: true });
    const data: AreaFigures = {
      order: this.order,
      area: this.area,
      title: this.title,
      figures: this.figures,
      ...(this.detail ? { detail: this.detail } : {}),
    };
    const file = join(FIGURES_DIR, `${this.area}.json`);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(data, null, 2)}\n`);
    renameSync(tmp, file);
  }
}

export function readAreas(): AreaFigures[] {
  let names: string[];
  try {
    names = readdirSync(FIGURES_DIR).filter((n) => n.endsWith(".json"));
  } catch {
    return [];
  }
  return names
    .map((n) => JSON.parse(readFileSync(join(FIGURES_DIR, n), "utf8")) as AreaFigures)
    .sort((a, b) => a.order - b.order || a.area.localeCompare(b.area));
}

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function renderMarkdown(areas: AreaFigures[]): string {
  const out: string[] = [
    "# Reliability figures",
    "",
    "<!-- Written by `pnpm reliability` (tools/reliability, issue 8) from the figures of its last run. Do not edit by hand. -->",
    "",
    "Robustness of the runtime and of the spec tools, measured by `tools/reliability` (run in every `pnpm test`; this file by `pnpm reliability`):",
    "faults from a local server, property tests (fast-check), secrets in every error rendering, load, and broken",
    "specs fed to the tools. Each figure is recomputed on every run; **Met** says whether it met its bound in that run.",
    "",
  ];
  const all = areas.flatMap((a) => a.figures);
  const met = all.filter((f) => f.met).length;
  out.push(`**${met} of ${all.length} figures met their bound in the last run.**`, "");
  for (const a of areas) {
    out.push(`## ${a.order}. ${a.title}`, "", "| Figure | Value | Bound | How measured | Met |", "| --- | --- | --- | --- | --- |");
    for (const f of a.figures)
      out.push(`| ${cell(f.figure)} | ${cell(f.value)} | ${cell(f.bound)} | ${cell(f.how)} | ${f.met ? "yes" : "**NO**"} |`);
    out.push("");
    if (a.detail) out.push(a.detail.trimEnd(), "");
  }
  return `${out.join("\n").trimEnd()}\n`;
}
