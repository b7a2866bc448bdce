import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build, type Metafile } from "esbuild";
import { BROWSER_BUNDLE, loadDescriptors, oneOperationConsumer } from "@subscription-apis/test-kit/workspace";
import { publicPackages, toolDir } from "./workspace.js";

/**
 * size-budgets.json: budgets by package name. Sizes are bytes (1 kB = 1000 B) of min+gzip. `consumer` (a file under
 * tools/release) only where the consumer is not generated: an API package's one-operation consumer is generated from
 * its descriptor at check time (`oneOperationConsumer`).
 */
export interface BudgetFile {
  $comment?: string;
  packages: Record<string, { consumer?: string; budget?: number; target?: number; $comment?: string }>;
}

export interface SizeResult {
  name: string;
  /** The consumer file, or `generated: <factory> + <operation>`. */
  consumer: string;
  minified: number;
  gzip: number;
  budget: number;
  target: number | undefined;
  ok: boolean;
  /** The largest inputs in the minified output, bytes. */
  top: { input: string; bytes: number }[];
}

/** What is measured for one package: a consumer file of tools/release, or generated source. */
export interface SizeEntry {
  name: string;
  consumer: { file: string } | { label: string; source: string };
  budget: number;
  target: number | undefined;
}

export const budgetsFile = join(toolDir, "size-budgets.json");

export function readBudgets(file = budgetsFile): BudgetFile {
  return JSON.parse(readFileSync(file, "utf8")) as BudgetFile;
}

/** Issue 4's target for an API client: 10 kB when it signs with SigV4 (the AWS protocol), else 5 kB. */
export const targetOf = (protocol: string) => (protocol.startsWith("aws") ? 10_000 : 5_000);

/**
 * Every publishable package with what to measure and its budget. A package without a budget entry (a new API) gets
 * the largest budget of the listed packages with the same target (the same runtime, about the same bundle), never
 * below the target; the target when none is listed.
 */
export async function sizeEntries(root: string, budgets: BudgetFile = readBudgets()): Promise<SizeEntry[]> {
  const descriptors = await loadDescriptors(root);
  const out: SizeEntry[] = [];
  for (const p of await publicPackages(root)) {
    const b = budgets.packages[p.name] ?? {};
    if (!p.spec) {
      if (!b.consumer || !b.budget)
        throw new Error(`${p.name}: no consumer and budget in ${budgetsFile} (a package without a spec needs both)`);
      out.push({ name: p.name, consumer: { file: b.consumer }, budget: b.budget, target: b.target });
      continue;
    }
    const d = descriptors.find((x) => x.packageName === p.name);
    if (!d) throw new Error(`${p.name}: no generated descriptor (run \`pnpm build\`)`);
    const { label, source } = oneOperationConsumer(d, "core");
    const target = b.target ?? targetOf(d.protocol);
    const peers = Object.values(budgets.packages).flatMap((x) => (x.target === target && x.budget ? [x.budget] : []));
    out.push({ name: p.name, consumer: { label, source }, budget: b.budget ?? Math.max(target, ...peers), target });
  }
  return out;
}

/** Bundle one consumer as a browser app would ship it: ESM, minified, tree-shaken, the `browser` condition. */
export async function measure(consumer: SizeEntry["consumer"]): Promise<{ minified: number; gzip: number; metafile: Metafile }> {
  const input =
    "file" in consumer ? { entryPoints: [join(toolDir, consumer.file)] } : { stdin: { contents: consumer.source, resolveDir: toolDir } };
  const result = await build({
    ...input,
    absWorkingDir: toolDir,
    ...BROWSER_BUNDLE,
  });
  const out = result.outputFiles[0];
  const label = "file" in consumer ? consumer.file : consumer.label;
  if (!out) throw new Error(`esbuild produced no JavaScript for ${label}`);
  return { minified: out.contents.byteLength, gzip: gzipSync(out.contents, { level: 9 }).byteLength, metafile: result.metafile };
}

export async function checkSizes(entries: SizeEntry[]): Promise<SizeResult[]> {
  const results: SizeResult[] = [];
  for (const entry of entries) {
    const { minified, gzip, metafile } = await measure(entry.consumer);
    const output = Object.values(metafile.outputs)[0];
    const top = Object.entries(output?.inputs ?? {})
      .map(([input, v]) => ({ input: input.replace(/^.*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, ""), bytes: v.bytesInOutput }))
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 5);
    results.push({
      name: entry.name,
      consumer: "file" in entry.consumer ? entry.consumer.file : entry.consumer.label,
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
