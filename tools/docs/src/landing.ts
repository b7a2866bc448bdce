import type { LintStatus } from "./redocly.js";
import { type DocsApi, operationHref, specOperation } from "./registry.js";
import { typescriptSample } from "./samples.js";

export interface LandingEntry {
  api: DocsApi;
  lint: LintStatus;
}

export interface LandingOptions {
  title: string;
  description: string;
  redoclyVersion: string;
  /** Cross-vendor pages linked from the landing page (site-relative href). */
  comparisons?: { href: string; title: string }[];
}

export function escapeHtml(value: unknown): string {
  return String(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

function lintLabel(lint: LintStatus): string {
  if (lint.state === "passed") return "lint passed";
  const parts = [];
  if (lint.errors > 0) parts.push(`${lint.errors} error${lint.errors === 1 ? "" : "s"}`);
  if (lint.warnings > 0) parts.push(`${lint.warnings} warning${lint.warnings === 1 ? "" : "s"}`);
  return `lint: ${parts.join(", ")}`;
}

function card(entry: LandingEntry): string {
  const { api, lint } = entry;
  const { spec } = api;
  const info = spec.info ?? {};
  const vendorDocs: { url?: string; description?: string } = spec.externalDocs ?? {
    url: info.contact?.url,
    description: info.contact?.name,
  };
  const operations = Object.values(api.api.operations).map((op) => {
    const { operation } = specOperation(spec, op);
    const href = operationHref("", api, op);
    const vendor = operation.externalDocs?.url
      ? ` <a class="vendor-op" href="${escapeHtml(operation.externalDocs.url)}" rel="noopener">vendor page</a>`
      : "";
    return `        <li class="operation">
          <a href="${escapeHtml(href)}"><span class="method method-${escapeHtml(op.method)}">${escapeHtml(op.method.toUpperCase())}</span>
          <code class="path">${escapeHtml(op.path)}</code></a>
          <span class="op-summary">${escapeHtml(operation.summary ?? op.operationId)}</span>${vendor}
        </li>`;
  });
  const firstOp = Object.values(api.api.operations)[0];
  const usage = firstOp ? typescriptSample(api.descriptor, firstOp.operationId) : "";
  const lintTitle = `redocly lint ${api.name} (Redocly CLI ${lint.version}, rules from redocly.yaml): ${lint.errors} errors, ${lint.warnings} warnings, ${lint.ignored} ignored`;
  return `    <article class="card" id="${escapeHtml(api.id)}" data-api="${escapeHtml(api.id)}">
      <header>
        <h2><a href="${escapeHtml(api.id)}/">${escapeHtml(info.title ?? api.api.title)}</a></h2>
        <p class="vendor">${vendorDocs.url ? `Vendor docs: <a class="vendor-docs" href="${escapeHtml(vendorDocs.url)}" rel="noopener">${escapeHtml(vendorDocs.description ?? vendorDocs.url)}</a>` : "No vendor docs link in the spec"}</p>
      </header>
      ${info.summary ? `<p class="summary">${escapeHtml(info.summary)}</p>` : ""}
      <dl class="meta">
        <div><dt>Package</dt><dd><code>${escapeHtml(api.packageName)}</code> <span class="version">v${escapeHtml(api.packageVersion)}</span></dd></div>
        <div><dt>Spec</dt><dd>${escapeHtml(api.name)} · OpenAPI ${escapeHtml(spec.openapi)} · API version ${escapeHtml(info.version)}</dd></div>
        <div><dt>Lint</dt><dd><span class="lint lint-${lint.state}" title="${escapeHtml(lintTitle)}">${escapeHtml(lintLabel(lint))}</span></dd></div>
      </dl>
      <h3>Operations</h3>
      <ul class="operations">
${operations.join("\n")}
      </ul>
      <h3>Install</h3>
      <pre class="install"><code>npm install ${escapeHtml(api.packageName)}</code></pre>
      <h3>Usage</h3>
      <pre class="usage"><code>${escapeHtml(usage.trimEnd())}</code></pre>
      <p class="links"><a class="reference" href="${escapeHtml(api.id)}/">API reference</a> · <a href="${escapeHtml(api.id)}/openapi.json">OpenAPI JSON</a></p>
    </article>`;
}

/** The base of every page of the site (a page's own CSS follows it and may override it). */
const BASE_CSS = `
:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --bg: #f6f8fa; --accent: #0969da; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: #fff; }
main { max-width: 1200px; margin: 0 auto; padding: 2rem 1.5rem 3rem; }
h1 { margin: 0 0 .25rem; font-size: 2rem; }
.lead { color: var(--muted); margin: 0 0 2rem; max-width: 60rem; }
a { color: var(--accent); text-decoration: none; } a:hover { text-decoration: underline; }
footer { margin-top: 2rem; color: var(--muted); font-size: .85rem; }`;

const CSS = `
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(520px, 1fr)); gap: 1.5rem; }
.card { border: 1px solid var(--border); border-radius: 10px; padding: 1.25rem 1.5rem; background: #fff; box-shadow: 0 1px 2px rgba(0,0,0,.04); min-width: 0; }
.card h2 { margin: 0; font-size: 1.3rem; }
.card h3 { margin: 1rem 0 .35rem; font-size: .8rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
.vendor { margin: .2rem 0 0; color: var(--muted); font-size: .9rem; }
.summary { margin: .75rem 0 0; }
.meta { margin: .75rem 0 0; font-size: .9rem; }
.meta div { display: flex; gap: .5rem; } .meta dt { width: 4.5rem; color: var(--muted); flex: none; } .meta dd { margin: 0; }
.version { color: var(--muted); }
.lint { display: inline-block; padding: 0 .5rem; border-radius: 999px; font-size: .8rem; font-weight: 600; }
.lint-passed { background: #dafbe1; color: #116329; } .lint-warnings { background: #fff8c5; color: #7d4e00; } .lint-errors { background: #ffebe9; color: #a40e26; }
.operations { list-style: none; margin: 0; padding: 0; }
.operation { display: flex; flex-wrap: wrap; align-items: baseline; gap: .5rem; padding: .3rem 0; }
.method { display: inline-block; min-width: 4.2rem; text-align: center; font: 700 .75rem/1.6 ui-monospace, SFMono-Regular, Menlo, monospace; color: #fff; border-radius: 4px; padding: 0 .4rem; margin-right: .35rem; }
.method-get { background: #1a7f37; } .method-post { background: #0969da; } .method-put { background: #9a6700; } .method-patch { background: #8250df; } .method-delete { background: #cf222e; }
.path { font: .9rem ui-monospace, SFMono-Regular, Menlo, monospace; word-break: break-all; color: var(--fg); }
.op-summary { color: var(--muted); font-size: .9rem; } .vendor-op { font-size: .85rem; }
pre { margin: 0; background: var(--bg); border: 1px solid var(--border); border-radius: 6px; padding: .6rem .8rem; overflow-x: auto; font: .8rem/1.45 ui-monospace, SFMono-Regular, Menlo, monospace; }
.links { margin: 1rem 0 0; font-weight: 600; }
.comparisons { margin: -1rem 0 2rem; } .comparisons h2 { font-size: 1rem; margin: 0 0 .25rem; } .comparisons ul { margin: 0; padding-left: 1.2rem; }
@media (max-width: 600px) { .cards { grid-template-columns: 1fr; } }
`;

function comparisonsSection(comparisons: { href: string; title: string }[]): string {
  if (comparisons.length === 0) return "";
  const items = comparisons.map((c) => `<li><a class="comparison-link" href="${escapeHtml(c.href)}">${escapeHtml(c.title)}</a></li>`);
  return `    <nav class="comparisons" aria-label="Comparisons"><h2>Compare the APIs</h2><ul>${items.join("")}</ul></nav>`;
}

/** site/index.html: one card per API of the registry. Static HTML and CSS; no scripts, fonts or remote assets. */
export function landingPage(entries: LandingEntry[], options: LandingOptions): string {
  return htmlPage(
    options.title,
    CSS,
    `    <h1>${escapeHtml(options.title)}</h1>
    <p class="lead">${escapeHtml(options.description)} ${entries.length} APIs, each rendered from its bundled OpenAPI description with generated code samples.</p>
${comparisonsSection(options.comparisons ?? [])}
    <section class="cards">
${entries.map(card).join("\n")}
    </section>
    <footer>Rendered offline with Redocly CLI ${escapeHtml(options.redoclyVersion)} from the APIs registered in <code>redocly.yaml</code>. Lint status is the result of <code>redocly lint</code> at build time.</footer>`,
  );
}

/** The shell of every static page of the site: one title, inline CSS, no scripts, fonts or remote assets. */
export function htmlPage(title: string, css: string, main: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)}</title>
  <link rel="icon" href="data:,">
  <style>${BASE_CSS}${css}</style>
</head>
<body>
  <main>
${main}
  </main>
</body>
</html>
`;
}
