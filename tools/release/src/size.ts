import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build, type Metafile } from "esbuild";
import { toolDir } from "./workspace.js";

/** size-budgets.json: one entry per publishable package. Sizes are bytes (1 kB = 1000 B) of min+gzip. */
export interface BudgetFile {
  $comment?: string;
  packages: Record<string, { consumer: string; budget: number; target?: number; $comment?: string }>;
}

export interface SizeResult {
  name: string;
  consumer: string;
  minified: number;
  gzip: number;
  budget: number;
  target: number | undefined;
  ok: boolean;
  /** The largest inputs in the minified output, bytes. */
  top: { input: string; bytes: number }[];
}

export const budgetsFile = join(toolDir, "size-budgets.json");

export function readBudgets(file = budgetsFile): BudgetFile {
  return JSON.parse(readFileSync(file, "utf8")) as BudgetFile;
}

/** Bundle one consumer as a browser app would ship it: ESM, minified, tree-shaken, the `browser` condition. */
export async function measure(consumer: string): Promise<{ minified: number; gzip: number; metafile: Metafile }> {
  const result = await build({
    entryPoints: [join(toolDir, consumer)],
    absWorkingDir: toolDir,
    bundle: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    minify: true,
    treeShaking: true,
    legalComments: "none",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const out = result.outputFiles[0];
  if (!out) throw new Error(`esbuild produced no JavaScript for ${consumer}`);
  return { minified: out.contents.byteLength, gzip: gzipSync(out.contents, { level: 9 }).byteLength, metafile: result.metafile };
}

export async function checkSizes(budgets: BudgetFile = readBudgets()): Promise<SizeResult[]> {
  const results: SizeResult[] = [];
  for (const [name, entry] of Object.entries(budgets.packages)) {
    const { minified, gzip, metafile } = await measure(entry.consumer);
    const output = Object.values(metafile.outputs)[0];
    const top = Object.entries(output?.inputs ?? {})
      .map(([input, v]) => ({ input: input.replace(/^.*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, ""), bytes: v.bytesInOutput }))
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 5);
    results.push({
      name,
      consumer: entry.consumer,
      minified,
      gzip,
      budget: entry.budget,
      target: entry.target,
      ok: gzip <= entry.budget,
      top,
    });
  }
  return results;
}

const kb = (n: number) => `${(n / 1000).toFixed(2)} kB`;

export function formatSizes(results: SizeResult[]): string {
  const lines = ["| package | min | min+gzip | budget | target (issue 4) | |", "| --- | ---: | ---: | ---: | ---: | --- |"];
  for (const r of results) {
    lines.push(
      `| ${r.name} | ${kb(r.minified)} | ${kb(r.gzip)} | ${kb(r.budget)} | ${r.target ? kb(r.target) : "-"} | ${r.ok ? (r.target && r.gzip > r.target ? "over target" : "ok") : "**OVER BUDGET**"} |`,
    );
  }
  for (const r of results.filter((x) => !x.ok || (x.target !== undefined && x.gzip > x.target))) {
    const over = r.ok ? `over its target ${r.target} B` : `OVER BUDGET ${r.budget} B`;
    lines.push("", `${r.name}: ${r.gzip} B min+gzip, ${over} (${r.consumer}). Largest inputs (minified bytes):`, "");
    for (const t of r.top) lines.push(`- ${t.bytes} B \`${t.input}\``);
  }
  return lines.join("\n");
}
