import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  cellSources,
  checkComparison,
  comparisonPage,
  findRoot,
  isNotDocumented,
  loadCancellations,
  loadDocsApis,
  NOT_DOCUMENTED,
  type Comparison,
} from "../src/index.js";

const root = findRoot(fileURLToPath(new URL(".", import.meta.url)));
const data = loadCancellations();
// The APIs the comparison has a column for (an API without one, e.g. a new API, is shown as not compared yet).
const apis = (await loadDocsApis(root)).filter((api) => data.columns[api.id]);
const targets = apis.map((api) => ({
  id: api.id,
  specText: readFileSync(api.bundlePath, "utf8"),
  operationIds: Object.keys(api.api.operations),
}));

describe("cancellations comparison data (src/compare/cancellations.json)", () => {
  it("is valid: columns for APIs of redocly.yaml naming a cancel operation, every cell cited in that API's bundled spec or not documented", () => {
    expect(apis.length).toBeGreaterThan(1);
    expect(checkComparison(data, targets)).toEqual([]);
    for (const api of apis) expect(data.columns[api.id]?.operationId, api.id).toMatch(/^cancel/);
    expect(data.rows.map((r) => r.id)).toEqual(expect.arrayContaining(["effect", "refund", "undo", "async", "repeat"]));
  });

  it("an API without a column (a new one) is not compared, and needs no cells", () => {
    const first = apis[0]!.id;
    const partial = structuredClone(data);
    delete partial.columns[first];
    for (const row of partial.rows) delete row.cells[first];
    expect(checkComparison(partial, targets)).toEqual([]);
  });

  it("the check catches an unknown column, a missing cell, an uncited fact and a URL the spec does not cite", () => {
    const first = apis[0]!.id;
    const broken = structuredClone(data);
    broken.columns["no-such-api"] = { operationId: "cancel" };
    const row0 = broken.rows[0]!;
    delete row0.cells[first];
    const row1 = broken.rows[1]!;
    row1.cells[first] = { text: "Refunds everything.", source: "https://example.org/not-in-the-spec" };
    const row2 = broken.rows[2]!;
    row2.cells[first] = { text: "No source." } as never;
    const row3 = broken.rows[3]!;
    row3.cells[first] = { text: "Plain http.", source: "http://docs.aws.amazon.com/x" };
    const problems = checkComparison(broken, targets);
    expect(problems).toEqual(
      expect.arrayContaining([
        "columns: no-such-api is not an API of redocly.yaml",
        expect.stringContaining(`rows.${row0.id}.${first}: missing`),
        `rows.${row1.id}.${first}: source https://example.org/not-in-the-spec does not appear in the bundled spec of ${first}`,
        `rows.${row2.id}.${first}: a cited cell needs a source URL`,
        `rows.${row3.id}.${first}: source http://docs.aws.amazon.com/x is not an https URL`,
      ]),
    );
  });
});

describe("comparisonPage", () => {
  it("renders one row per question and one cell per API, each linking its sources or saying not documented", () => {
    const html = comparisonPage(data, apis, { homeHref: "../" });
    expect(html.match(/<tr data-row=/g)?.length).toBe(data.rows.length);
    expect(html.match(/<td class="cell /g)?.length).toBe(data.rows.length * apis.length);
    expect(html.match(/<th scope="col" data-api=/g)?.length).toBe(apis.length);
    for (const row of data.rows) {
      for (const api of apis) {
        const cell = row.cells[api.id]!;
        for (const url of cellSources(cell)) expect(html).toContain(`<a class="source" href="${url}"`);
      }
    }
    const markers = data.rows.flatMap((r) => apis.map((a) => r.cells[a.id]!)).filter(isNotDocumented).length;
    expect(html.match(new RegExp(`<strong class="not-documented">${NOT_DOCUMENTED}</strong>`, "g"))?.length ?? 0).toBe(markers);
    expect(html).not.toMatch(/<script/i);
  });

  it("names an API without a column as not compared yet, and renders the others", () => {
    const first = apis[0]!.id;
    const partial = structuredClone(data);
    delete partial.columns[first];
    const html = comparisonPage(partial, apis, { homeHref: "../" });
    expect(html.match(/<th scope="col" data-api=/g)?.length).toBe(apis.length - 1);
    expect(html).toContain(`Not compared yet: <code>${first}</code>`);
  });

  it("escapes HTML in the data", () => {
    const evil: Comparison = {
      ...data,
      title: "<b>t</b>",
      rows: [
        {
          id: "x",
          question: "<img src=x onerror=alert(1)>?",
          cells: Object.fromEntries(
            apis.map((a) => [a.id, { text: '<script>alert("x")</script> `<code>`', source: 'https://example.org/"><script>' }]),
          ),
        },
      ],
    };
    const html = comparisonPage(evil, apis, { homeHref: "../" });
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <code>&lt;code&gt;</code>");
    expect(html).toContain('href="https://example.org/&quot;&gt;&lt;script&gt;"');
  });
});
