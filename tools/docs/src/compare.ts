import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { escapeHtml, htmlPage } from "./landing.js";
import { type DocsApi, operationHref } from "./registry.js";

/**
 * The cross-vendor comparison of the cancel operations (issue 15, item 7): one data file
 * (src/compare/cancellations.json), rendered into site/compare/cancellations.html. Columns are the APIs of
 * redocly.yaml (the data names each API's cancel operation); rows are questions; every cell is a cited fact or
 * "not documented".
 */

/** A fact from a vendor page. `inference` is our reading of that page, rendered with an "Inferred" label. */
export interface CitedCell {
  text: string;
  inference?: string;
  /** The vendor page the fact comes from: an https URL that appears in the API's bundled spec. */
  source: string;
  /** Further vendor pages the cell relies on (same rule as `source`). */
  seeAlso?: string[];
}

/** The vendor pages are silent. `note` says what they do say nearby; `source` optionally links it. */
export interface NotDocumentedCell {
  notDocumented: true;
  note?: string;
  source?: string;
}

export type ComparisonCell = CitedCell | NotDocumentedCell;

export interface ComparisonRow {
  id: string;
  question: string;
  /** One cell per API id. */
  cells: Record<string, ComparisonCell>;
}

export interface Comparison {
  title: string;
  intro: string;
  /** Per API id: the operation compared. */
  columns: Record<string, { operationId: string }>;
  rows: ComparisonRow[];
}

export const CANCELLATIONS_FILE = fileURLToPath(new URL("../src/compare/cancellations.json", import.meta.url));

/** Site-relative path of the rendered page. */
export const CANCELLATIONS_PAGE = "compare/cancellations.html";

export const NOT_DOCUMENTED = "not documented";

export function loadCancellations(file: string = CANCELLATIONS_FILE): Comparison {
  return JSON.parse(readFileSync(file, "utf8")) as Comparison;
}

export function isNotDocumented(cell: ComparisonCell): cell is NotDocumentedCell {
  return (cell as NotDocumentedCell).notDocumented === true;
}

/** Every URL a cell cites (source first). */
export function cellSources(cell: ComparisonCell): string[] {
  if (isNotDocumented(cell)) return cell.source ? [cell.source] : [];
  return [cell.source, ...(cell.seeAlso ?? [])];
}

/**
 * Checks the data against the registry and the bundled specs; returns one line per problem (empty = valid):
 * columns only for APIs of the registry (an API without one — a new API nobody has researched yet — is listed on the
 * page as not compared), a cell for every compared API in every row, each cell either cited (non-empty text, https
 * sources that appear in that API's bundled spec) or marked not documented.
 */
export function checkComparison(data: Comparison, apis: { id: string; specText: string; operationIds: string[] }[]): string[] {
  const problems: string[] = [];
  const ids = apis.map((a) => a.id);
  for (const id of Object.keys(data.columns)) if (!ids.includes(id)) problems.push(`columns: ${id} is not an API of redocly.yaml`);
  apis = apis.filter((a) => data.columns[a.id]);
  for (const api of apis) {
    const column = data.columns[api.id]!;
    if (!api.operationIds.includes(column.operationId))
      problems.push(`columns.${api.id}: ${column.operationId} is not an operation of ${api.id}`);
  }
  const rowIds = new Set<string>();
  for (const row of data.rows) {
    if (rowIds.has(row.id)) problems.push(`rows: duplicate id ${row.id}`);
    rowIds.add(row.id);
    if (!row.question?.trim()) problems.push(`rows.${row.id}: no question`);
    for (const id of Object.keys(row.cells)) if (!ids.includes(id)) problems.push(`rows.${row.id}.${id}: not an API of redocly.yaml`);
    for (const api of apis) {
      const where = `rows.${row.id}.${api.id}`;
      const cell = row.cells[api.id];
      if (!cell) {
        problems.push(`${where}: missing (cite a vendor page or mark it { "notDocumented": true })`);
        continue;
      }
      if (!isNotDocumented(cell)) {
        if ("notDocumented" in cell) problems.push(`${where}: notDocumented must be true when present`);
        if (typeof cell.text !== "string" || !cell.text.trim()) problems.push(`${where}: a cited cell needs text`);
        if (typeof cell.source !== "string") problems.push(`${where}: a cited cell needs a source URL`);
      }
      for (const url of cellSources(cell)) {
        if (!/^https:\/\/[^\s]+$/.test(url)) problems.push(`${where}: source ${url} is not an https URL`);
        else if (!api.specText.includes(url)) problems.push(`${where}: source ${url} does not appear in the bundled spec of ${api.id}`);
      }
    }
  }
  return problems;
}

/** Escapes HTML, then renders `code` spans. */
function inline(value: string): string {
  return escapeHtml(value).replace(/`([^`]+)`/g, "<code>$1</code>");
}

function sourceLabel(url: string): string {
  const { host, pathname } = new URL(url);
  const last = pathname.split("/").filter(Boolean).pop();
  return last ? `${host} › ${last}` : host;
}

function sourceLinks(urls: string[]): string {
  if (urls.length === 0) return "";
  const links = urls.map((url) => `<a class="source" href="${escapeHtml(url)}" rel="noopener">${escapeHtml(sourceLabel(url))}</a>`);
  return `<span class="sources">Source: ${links.join(", ")}</span>`;
}

function renderCell(apiId: string, cell: ComparisonCell): string {
  const sources = sourceLinks(cellSources(cell));
  if (isNotDocumented(cell)) {
    const note = cell.note ? `<span class="note">${inline(cell.note)}</span>` : "";
    return `<td class="cell cell-not-documented" data-api="${escapeHtml(apiId)}"><strong class="not-documented">${NOT_DOCUMENTED}</strong>${note}${sources}</td>`;
  }
  const inference = cell.inference ? `<span class="inference"><em class="inferred">Inferred:</em> ${inline(cell.inference)}</span>` : "";
  return `<td class="cell cell-cited" data-api="${escapeHtml(apiId)}"><span class="fact">${inline(cell.text)}</span>${inference}${sources}</td>`;
}

const CSS = `
body { font-size: 15px; } main { max-width: 1600px; } h1 { font-size: 1.8rem; } .lead { margin-bottom: 1.5rem; max-width: 70rem; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; min-width: 1100px; table-layout: fixed; }
th, td { border: 1px solid var(--border); padding: .6rem .7rem; vertical-align: top; text-align: left; }
thead th { background: var(--bg); font-size: .95rem; }
thead th:first-child, tbody th { width: 13rem; }
tbody th { background: var(--bg); font-weight: 600; }
.op { display: block; font-weight: 400; font-size: .8rem; color: var(--muted); margin-top: .2rem; }
code { font: .82em ui-monospace, SFMono-Regular, Menlo, monospace; background: var(--bg); padding: 0 .2em; border-radius: 3px; word-break: break-word; }
.cell span { display: block; }
.note, .inference { margin-top: .35rem; color: var(--muted); font-size: .9rem; }
.inferred { font-style: normal; font-weight: 600; color: #7d4e00; }
.not-documented { display: inline-block; color: #a40e26; font-weight: 600; }
.sources { margin-top: .45rem; font-size: .8rem; color: var(--muted); word-break: break-word; }
`;

/**
 * The comparison page: static HTML and CSS, no scripts. Columns in registry order; an API the data has no column for
 * is named below the table as not compared yet.
 */
export function comparisonPage(data: Comparison, all: DocsApi[], options: { homeHref: string }): string {
  const columns = all.filter((api) => data.columns[api.id]);
  const missing = all.filter((api) => !data.columns[api.id]).map((api) => api.id);
  const head = columns.map((api) => {
    const column = data.columns[api.id]!;
    const op = api.api.operations[column.operationId];
    if (!op) throw new Error(`${CANCELLATIONS_FILE}: ${column.operationId} is not an operation of ${api.id}`);
    const href = operationHref(options.homeHref, api, op);
    return `<th scope="col" data-api="${escapeHtml(api.id)}">${escapeHtml(api.spec.info?.title ?? api.id)}<a class="op" href="${escapeHtml(href)}"><code>${escapeHtml(op.method.toUpperCase())} ${escapeHtml(op.path)}</code> ${escapeHtml(op.operationId)}</a></th>`;
  });
  const body = data.rows.map((row) => {
    const cells = columns.map((api) => {
      const cell = row.cells[api.id];
      if (!cell) throw new Error(`${CANCELLATIONS_FILE}: row ${row.id} has no cell for ${api.id}`);
      return renderCell(api.id, cell);
    });
    return `      <tr data-row="${escapeHtml(row.id)}"><th scope="row">${inline(row.question)}</th>${cells.join("")}</tr>`;
  });
  return htmlPage(
    data.title,
    CSS,
    `    <p><a href="${escapeHtml(options.homeHref)}">← All APIs</a></p>
    <h1>${escapeHtml(data.title)}</h1>
    <p class="lead">${inline(data.intro)}</p>
    <div class="table-wrap">
    <table class="comparison">
      <thead><tr><th scope="col">Question</th>${head.join("")}</tr></thead>
      <tbody>
${body.join("\n")}
      </tbody>
    </table>
    </div>
${missing.length ? `    <p class="not-compared">Not compared yet: ${missing.map((id) => `<code>${escapeHtml(id)}</code>`).join(", ")} (no column in <code>cancellations.json</code>).</p>\n` : ""}    <footer>Rendered from <code>tools/docs/src/compare/cancellations.json</code>. A test checks that every cell cites an https page that the API's bundled spec itself cites, or says "${NOT_DOCUMENTED}".</footer>`,
  );
}
