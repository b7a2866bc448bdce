/**
 * 3. Bundle size: esbuild (platform browser, minified, ESM) of a one-operation consumer per package, of the
 * same consumer with @aws-sdk/client-qbusiness, and of openapi-fetch alone; gzip and brotli via node:zlib.
 */
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { build, type Metafile } from "esbuild";
import { benchDir, fmtKB, fmtRatio, type Row, type SectionResult } from "./common.js";
import { buildSurface, emitApi } from "@subscription-apis/codegen";
import { BROWSER_BUNDLE, oneOperationConsumer } from "@subscription-apis/test-kit/workspace";
import { CLIENT_IDS, descriptorOf, isAws, type ClientId } from "./fixtures.js";
import { synthOpsDoc } from "./synth.js";

/** An API id (its consumer is generated), or a comparison consumer of tools/bench/consumers/ (a file). */
export type ConsumerId = ClientId;
/** The comparison consumers: a vendor SDK (`aws-sdk-<service>`, compared with `aws-<service>`) and openapi-fetch alone. */
const COMPARISONS = readdirSync(join(benchDir, "consumers"))
  .filter((f) => f.endsWith(".ts"))
  .map((f) => f.slice(0, -3));
export const CONSUMERS: readonly ConsumerId[] = [...CLIENT_IDS, ...COMPARISONS];

export interface BundleSize {
  consumer: ConsumerId;
  entry: string;
  minified: number;
  gzip: number;
  brotli: number;
  /** Minified bytes by package (our packages by name, the rest by npm package), largest first. */
  byPackage: { name: string; bytes: number }[];
  /** The largest single inputs, minified bytes. */
  topInputs: { input: string; bytes: number }[];
}

export interface BundleRaw {
  esbuild: string;
  sizes: BundleSize[];
  /** One operation of a synthetic API of 1 and of N operations (the generated api.ts, a core and one operation function). */
  operationScaling?: { operations: number; oneOperation: BundleSize; allOperationsClient: BundleSize }[];
}

const GOAL_NON_AWS = 5000;
const GOAL_AWS = 10_000;

function packageOf(input: string): string {
  const nm = input.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = input.slice(nm + "node_modules/".length).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const m = /(?:^|\/)(packages|tools)\/([^/]+)\//.exec(input);
  return m ? `@subscription-apis/${m[2]}` : input;
}

function shortInput(input: string): string {
  return input.replace(/^.*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, "").replace(/^(\.\.\/)+/, "");
}

/** A comparison consumer from its file; an API's one-operation consumer (its all-operations client) generated from its package. */
export async function measureConsumer(consumer: ConsumerId): Promise<BundleSize> {
  if (COMPARISONS.includes(consumer))
    return measureEntry(consumer, join(benchDir, "consumers", `${consumer}.ts`), `tools/bench/consumers/${consumer}.ts`);
  const { label, source } = oneOperationConsumer(descriptorOf(consumer), "client");
  return measureEntry(consumer, { contents: source, resolveDir: benchDir }, label);
}

async function measureEntry(
  consumer: ConsumerId,
  entry: string | { contents: string; resolveDir: string },
  shown: string,
): Promise<BundleSize> {
  const result = await build({
    ...(typeof entry === "string" ? { entryPoints: [entry] } : { stdin: entry }),
    outfile: join(benchDir, ".cache", "bundle", `${consumer}.js`),
    absWorkingDir: benchDir,
    ...BROWSER_BUNDLE,
  });
  const out = result.outputFiles.find((f) => f.path.endsWith(".js"));
  if (!out) throw new Error(`esbuild produced no JavaScript for ${consumer}`);
  const meta: Metafile = result.metafile;
  const inputs = Object.entries(Object.values(meta.outputs)[0]?.inputs ?? {});
  const byPackage = new Map<string, number>();
  for (const [input, v] of inputs) byPackage.set(packageOf(input), (byPackage.get(packageOf(input)) ?? 0) + v.bytesInOutput);
  return {
    consumer,
    entry: shown,
    minified: out.contents.byteLength,
    gzip: gzipSync(out.contents, { level: 9 }).byteLength,
    brotli: brotliCompressSync(out.contents, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).byteLength,
    byPackage: [...byPackage.entries()]
      .map(([name, bytes]) => ({ name, bytes }))
      .filter((x) => x.bytes > 0)
      .sort((a, b) => b.bytes - a.bytes),
    topInputs: inputs
      .map(([input, v]) => ({ input: shortInput(input), bytes: v.bytesInOutput }))
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 6),
  };
}

/** The generated api.ts of a synthetic API of `n` operations (tools/codegen), and two consumers of its first operation. */
async function measureOperations(n: number): Promise<{ operations: number; oneOperation: BundleSize; allOperationsClient: BundleSize }> {
  const dir = join(benchDir, ".cache", "operations", `ops-${n}`);
  mkdirSync(dir, { recursive: true });
  const surface = buildSurface(synthOpsDoc(n), `synth-ops-${n}`);
  writeFileSync(join(dir, "api.ts"), emitApi(surface, `(in memory: ${n} operations)`));
  // What a package factory does (packages/*/src/index.ts): the core with the API's auth, then one operation function.
  const factory = `import { bearerAuth } from "@subscription-apis/runtime";
import { createApiClient } from "@subscription-apis/runtime/internal";
import { allOperations, service, subscriptionAction0 } from "./api.js";
const options = (apiKey: string) => ({ auth: bearerAuth(apiKey, "apiKey") });
`;
  const call = `{ subscriptionId: id, reason: "moving" }`;
  writeFileSync(
    join(dir, "one.ts"),
    `${factory}export const act = (apiKey: string, id: string) => subscriptionAction0(createApiClient(service, {}, options(apiKey)), ${call});\n`,
  );
  writeFileSync(
    join(dir, "all.ts"),
    `${factory}export const act = (apiKey: string, id: string) =>\n  (createApiClient(service, allOperations, options(apiKey)) as any).subscriptionAction0(${call});\n`,
  );
  const shown = (f: string) => `tools/bench/.cache/operations/ops-${n}/${f} (generated)`;
  return {
    operations: n,
    oneOperation: await measureEntry(`ops-${n}-one` as ConsumerId, join(dir, "one.ts"), shown("one.ts")),
    allOperationsClient: await measureEntry(`ops-${n}-all` as ConsumerId, join(dir, "all.ts"), shown("all.ts")),
  };
}

/** Issue 12: the one-operation bundle of a 10-operation API may be at most 3 % larger than of a 1-operation API. */
const OPERATION_GROWTH_GOAL = 1.03;
export const OPERATION_COUNTS = [1, 10] as const;

const show = (s: BundleSize) => `${fmtKB(s.gzip)} gz (${fmtKB(s.brotli)} br, ${fmtKB(s.minified)} min)`;

export async function runBundle(esbuildVersion: string, consumers: readonly ConsumerId[] = CONSUMERS): Promise<SectionResult<BundleRaw>> {
  const sizes: BundleSize[] = [];
  for (const c of consumers) sizes.push(await measureConsumer(c));
  const by = (c: ConsumerId) => sizes.find((s) => s.consumer === c);
  const plain = by("openapi-fetch");
  const how = `esbuild ${esbuildVersion} (bundle, platform browser, format esm, target es2022, minify); gzip level 9 and brotli quality 11 (node:zlib); 1 kB = 1000 B; each API's consumer generated from its package (create<Name>Client + its cancel operation), comparison consumers in tools/bench/consumers/`;
  const rows: Row[] = [];
  const notes: string[] = [];
  for (const id of CLIENT_IDS) {
    const s = by(id);
    if (!s) continue;
    const aws = isAws(id);
    const alt = by(id.replace(/^aws-/, "aws-sdk-")) ?? plain;
    const goal = aws ? GOAL_AWS : GOAL_NON_AWS;
    const ratio = alt ? s.gzip / alt.gzip : Number.NaN;
    rows.push({
      section: "bundle",
      figure: `${id}: one-operation browser bundle`,
      ours: show(s),
      alternative: alt
        ? `${alt.consumer.startsWith("aws-sdk-") ? `@aws-sdk/client-${alt.consumer.slice(8)}, same operation` : "openapi-fetch alone, one call"}: ${show(alt)}`
        : "—",
      ratio: alt ? `${fmtRatio(ratio)} (gz)` : "n/a",
      ratioValue: alt ? ratio : null,
      goal: `≤ ${fmtKB(goal)} gz`,
      met: s.gzip <= goal,
      how,
    });
    if (s.gzip > goal) {
      const pkgs = s.byPackage
        .slice(0, 6)
        .map((p) => `${p.name} ${fmtKB(p.bytes)}`)
        .join(", ");
      const files = s.topInputs
        .slice(0, 5)
        .map((t) => `${t.input} ${fmtKB(t.bytes)}`)
        .join(", ");
      notes.push(
        `**Bundle goal missed for ${id}**: ${fmtKB(s.gzip)} gz > ${fmtKB(goal)}. Minified bytes by package (esbuild metafile, before compression): ${pkgs}. Largest inputs: ${files}.`,
      );
    }
  }
  const scaling = [];
  for (const n of OPERATION_COUNTS) scaling.push(await measureOperations(n));
  const [one, many] = [scaling[0]!, scaling[scaling.length - 1]!];
  const growth = many.oneOperation.gzip / one.oneOperation.gzip;
  rows.push({
    section: "bundle",
    figure: `one operation of a synthetic API of ${many.operations} operations (core + one imported operation function)`,
    ours: show(many.oneOperation),
    alternative: `the same of a synthetic API of ${one.operations} operation: ${show(one.oneOperation)}`,
    ratio: `${fmtRatio(growth)} (gz)`,
    ratioValue: growth,
    goal: `≤ ${fmtRatio(OPERATION_GROWTH_GOAL)} (flat as operations are added)`,
    met: growth <= OPERATION_GROWTH_GOAL,
    how: `${how.replace(/; consumers in .*$/, "")}; api.ts generated by tools/codegen (buildSurface + emitApi) from an in-memory spec of N copies of a cancel-like operation; consumer: the service's core (createApiClient with no methods, as create<Api>Core) and \`subscriptionAction0(core, input)\``,
  });
  const allGrowth = many.allOperationsClient.gzip / one.allOperationsClient.gzip;
  rows.push({
    section: "bundle",
    figure: `the all-operations client of the same ${many.operations}-operation API, one call (context)`,
    ours: show(many.allOperationsClient),
    alternative: `the same of the ${one.operations}-operation API: ${show(one.allOperationsClient)}`,
    ratio: `${fmtRatio(allGrowth)} (gz)`,
    ratioValue: allGrowth,
    goal: "— (context: a client with every method carries every operation)",
    met: null,
    how: "same build; consumer: createApiClient(service, allOperations, …) and one method call",
  });
  if (growth > OPERATION_GROWTH_GOAL) {
    const files = many.oneOperation.topInputs.map((t) => `${t.input} ${fmtKB(t.bytes)}`).join(", ");
    notes.push(
      `**Flat-bundle goal missed**: one operation of the ${many.operations}-operation API is ${fmtRatio(growth)} the 1-operation one. Largest inputs: ${files}.`,
    );
  }
  for (const sdk of sizes.filter((x) => x.consumer.startsWith("aws-sdk-"))) {
    const top = sdk.byPackage
      .slice(0, 5)
      .map((p) => `${p.name} ${fmtKB(p.bytes)}`)
      .join(", ");
    notes.push(`The SDK consumer's (${sdk.consumer}) largest packages (minified): ${top}.`);
  }
  return { raw: { esbuild: esbuildVersion, sizes, operationScaling: scaling }, rows, notes };
}
