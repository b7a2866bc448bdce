import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { pool } from "@subscription-apis/test-kit/proc";
import { CANCELLATIONS_PAGE, comparisonPage, loadCancellations } from "./compare.js";
import { docsSpec } from "./inject.js";
import { landingPage } from "./landing.js";
import { lintApi, redoclyCli, runRedocly, withoutBanner, type LintStatus } from "./redocly.js";
import { loadDocsApis, type DocsApi } from "./registry.js";

/** Redoc's "API docs by Redocly" badge loads its logo from cdn.redoc.ly at view time; it is replaced by an inline SVG. */
const BADGE_URLS = ["https://cdn.redoc.ly/redoc/logo-mini-full.svg", "https://cdn.redoc.ly/redoc/logo-mini.svg"];
const BADGE_INLINE =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='56' height='14' viewBox='0 0 56 14'%3E" +
  "%3Ctext x='0' y='11' font-family='sans-serif' font-size='11' font-weight='600' fill='%23777'%3ERedocly%3C/text%3E%3C/svg%3E";

/** Rendering options for build-docs (code sample languages); lint keeps using the root redocly.yaml. */
export const RENDER_CONFIG = fileURLToPath(new URL("../redocly.docs.yaml", import.meta.url));

/** Hosts a rendered page may mention in code but must never load from (checked after post-processing). */
const FORBIDDEN_LOADS = [
  /cdn\.redoc\.ly/,
  /fonts\.googleapis\.com/,
  /fonts\.gstatic\.com/,
  /<script[^>]+src=["']https?:/i,
  /<link[^>]+href=["']https?:/i,
];

/** Makes a `redocly build-docs --inlineBundle` page fully offline: no badge logo from the CDN, no favicon request. */
export function offlineHtml(html: string, file: string): string {
  let out = html;
  // No favicon request (a 404 on /favicon.ico is a console error in Chromium).
  if (!/<link[^>]+rel=["']?icon/i.test(out)) out = out.replace(/<head>/i, '<head>\n  <link rel="icon" href="data:,">');
  for (const url of BADGE_URLS) out = out.split(url).join(BADGE_INLINE);
  for (const pattern of FORBIDDEN_LOADS) {
    if (pattern.test(out)) throw new Error(`${file}: still references ${pattern} after post-processing (Redocly CLI output changed?)`);
  }
  return out;
}

export interface BuildOptions {
  root: string;
  /** Default: <root>/site */
  outDir?: string;
  log?: (line: string) => void;
}

export interface BuiltApi {
  id: string;
  page: string;
  operations: number;
  lint: LintStatus;
  ms: number;
}

/** Removes the previous build, keeping test screenshots (site/.screenshots). */
function cleanOutDir(outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  for (const name of readdirSync(outDir)) {
    if (name === ".screenshots") continue;
    rmSync(join(outDir, name), { recursive: true, force: true });
  }
}

/** Builds site/: one `redocly build-docs` page per registered API, plus the landing page. */
export async function buildSite(options: BuildOptions): Promise<{ outDir: string; apis: BuiltApi[] }> {
  const { root } = options;
  const outDir = options.outDir ?? join(root, "site");
  const log = options.log ?? ((line: string) => console.log(line));
  const apis = await loadDocsApis(root);
  if (apis.length === 0) throw new Error("redocly.yaml registers no APIs");
  cleanOutDir(outDir);
  const built = await pool(apis, availableParallelism(), async (api: DocsApi): Promise<BuiltApi> => {
    const started = Date.now();
    const pageDir = join(outDir, api.id);
    mkdirSync(pageDir, { recursive: true });
    const input = join(pageDir, "openapi.json");
    writeFileSync(input, `${JSON.stringify(docsSpec(api), null, 2)}\n`);
    const page = join(pageDir, "index.html");
    const [render, lint] = await Promise.all([
      runRedocly(["build-docs", input, "--inlineBundle", "-o", page, "--config", RENDER_CONFIG], root),
      lintApi(api.name, root),
    ]);
    if (render.code !== 0) {
      throw new Error(
        `redocly build-docs ${api.name} failed (exit ${render.code}):\n${withoutBanner(render.stderr)}\n${withoutBanner(render.stdout)}`,
      );
    }
    writeFileSync(page, offlineHtml(readFileSync(page, "utf8"), page));
    const ms = Date.now() - started;
    const operations = Object.keys(api.api.operations).length;
    log(
      `  ${api.id}: ${operations} operation(s), ${lint.state} (${lint.errors} errors, ${lint.warnings} warnings) -> ${api.id}/index.html [${ms} ms]`,
    );
    return { id: api.id, page, operations, lint, ms };
  });

  const rootManifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { description?: string };
  const entries = apis.map((api, i) => ({ api, lint: (built[i] as BuiltApi).lint }));
  writeFileSync(
    join(outDir, "index.html"),
    landingPage(entries, {
      title: "Subscription APIs",
      description: rootManifest.description ?? "",
      redoclyVersion: redoclyCli().version,
      comparisons: [{ href: CANCELLATIONS_PAGE, title: "Cancelling a subscription: the five APIs side by side" }],
    }),
  );
  // The cross-vendor comparison of the cancel operations (one column per API of the registry).
  const comparePath = join(outDir, CANCELLATIONS_PAGE);
  mkdirSync(dirname(comparePath), { recursive: true });
  writeFileSync(comparePath, comparisonPage(loadCancellations(), apis, { homeHref: "../" }));
  log(`  ${CANCELLATIONS_PAGE}: cancellations of ${apis.length} APIs compared`);
  // GitHub Pages: serve files as they are (no Jekyll processing).
  writeFileSync(join(outDir, ".nojekyll"), "");
  log(`  index.html: ${apis.length} APIs`);
  return { outDir, apis: built };
}
