import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CANCELLATIONS_PAGE,
  cellSources,
  findRoot,
  isNotDocumented,
  loadCancellations,
  loadDocsApis,
  NOT_DOCUMENTED,
  operationAnchor,
  serveStatic,
  type DocsApi,
  type StaticServer,
} from "../src/index.js";

/**
 * Opens the built site (site/ at the repo root, from `pnpm run docs:build`) in headless Debian Chromium, served on
 * 127.0.0.1. Every request that is not for that server is aborted and recorded; the suite fails on any of them.
 */

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
// From ../shared/toolchain.md: no background traffic (component updates, sync, safe browsing lists).
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

const root = findRoot(fileURLToPath(new URL(".", import.meta.url)));
const siteDir = join(root, "site");
const shotsDir = join(siteDir, ".screenshots");
const apis: DocsApi[] = await loadDocsApis(root);

type Json = any;

let server: StaticServer;
let browser: Browser;
let context: BrowserContext;
/** Requests aborted because they were not for the local server. */
const blocked: string[] = [];
/** Console errors, page errors and failed local requests, per page visit. */
let problems: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. The docs browser tests need Debian's chromium package: ` +
        "run `sudo apt-get update && sudo apt-get install -y chromium` (or set CHROMIUM_PATH to a Chromium/Chrome binary). " +
        "Do not run `playwright install`: browser downloads are blocked here.",
    );
  }
  for (const page of ["index.html", CANCELLATIONS_PAGE, ...apis.map((a) => `${a.id}/index.html`)]) {
    if (!existsSync(join(siteDir, page))) {
      throw new Error(`${join(siteDir, page)} is missing. Build the site first: pnpm run docs:build`);
    }
  }
  mkdirSync(shotsDir, { recursive: true });
  server = await serveStatic(siteDir);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, serviceWorkers: "block" });
  const origin = new URL(server.url).origin;
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`)) return route.continue();
    blocked.push(url);
    return route.abort("blockedbyclient");
  });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

async function open(url: string): Promise<Page> {
  problems = [];
  const page = await context.newPage();
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console error: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("request", (req) => {
    const url = req.url();
    if (!url.startsWith(`${new URL(server.url).origin}/`) && !url.startsWith("data:")) problems.push(`external request: ${url}`);
  });
  page.on("response", (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()} ${res.url()}`);
  });
  page.on("requestfailed", (req) => {
    if (!blocked.includes(req.url())) problems.push(`request failed: ${req.url()} ${req.failure()?.errorText ?? ""}`);
  });
  await page.goto(url, { waitUntil: "networkidle" });
  return page;
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

describe("built site", () => {
  it("has no page that references cdn.redoc.ly (the badge logo is inlined at build time)", () => {
    const pages = ["index.html", CANCELLATIONS_PAGE, ...apis.map((a) => `${a.id}/index.html`)];
    expect(pages.filter((page) => readFileSync(join(siteDir, page), "utf8").includes("cdn.redoc.ly"))).toEqual([]);
  });
});

describe("landing page", () => {
  it("lists every API of redocly.yaml with operations, install line, usage, vendor docs, version and lint status", async () => {
    const page = await open(server.url);
    const cards = page.locator("article.card");
    expect(await cards.count()).toBe(apis.length);
    for (const api of apis) {
      const { spec } = api;
      const card = page.locator(`article.card[data-api="${api.id}"]`);
      await card.waitFor({ state: "visible" });
      const text = await card.textContent();
      expect(text).toContain(spec.info.title);
      expect(text).toContain(`npm install ${api.packageName}`);
      expect(text).toContain(`v${api.packageVersion}`);
      expect(text).toContain(`${api.descriptor.factories.client}(`);
      expect(text).toMatch(/lint passed|lint: \d+ (error|warning)/);
      for (const op of Object.values(api.api.operations)) {
        expect(text).toContain(op.method.toUpperCase());
        expect(text).toContain(op.path);
      }
      const vendor = spec.externalDocs?.url ?? spec.info.contact?.url;
      expect(await card.locator("a.vendor-docs").getAttribute("href")).toBe(vendor);
      // The API reference link resolves on the server.
      const href = await card.locator("a.reference").getAttribute("href");
      expect(href).toBe(`${api.id}/`);
      expect((await fetch(new URL(href as string, server.url))).status).toBe(200);
    }
    await page.screenshot({ path: join(shotsDir, "index.png"), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe("cancellations comparison page", () => {
  const data = loadCancellations();
  // The compared APIs (one without a column, e.g. a new API, is named below the table as not compared yet).
  const compared = apis.filter((a) => data.columns[a.id]);

  it("is linked from the landing page and renders every question for every API, each cell cited or marked not documented", async () => {
    const page = await open(server.url);
    await page.locator("a.comparison-link").click();
    await page.waitForURL(new RegExp(`/${escapeRegExp(CANCELLATIONS_PAGE)}$`));
    await page.getByRole("heading", { level: 1, name: data.title }).waitFor({ state: "visible" });
    const table = page.getByRole("table");
    await table.waitFor({ state: "visible" });

    // Columns: every API of redocly.yaml, in registry order, each linking its cancel operation's reference page.
    const headers = table.locator("thead th[data-api]");
    expect(await headers.evaluateAll((ths) => ths.map((th) => th.getAttribute("data-api")))).toEqual(compared.map((a) => a.id));
    for (const api of compared) {
      const link = table.locator(`thead th[data-api="${api.id}"] a.op`);
      expect(await link.textContent()).toContain(data.columns[api.id]?.operationId);
      const href = await link.getAttribute("href");
      expect(href).toMatch(new RegExp(`^\\.\\./${escapeRegExp(api.id)}/#/`));
      expect((await fetch(new URL(href as string, page.url()))).status).toBe(200);
    }

    // Rows and cells: count them, then check each one has a source link or the marker.
    const rows = table.locator("tbody tr");
    expect(await rows.count()).toBe(data.rows.length);
    const cells = table.locator("tbody td");
    expect(await cells.count()).toBe(data.rows.length * compared.length);
    let cited = 0;
    let notDocumented = 0;
    for (const row of data.rows) {
      const tr = table.locator(`tbody tr[data-row="${row.id}"]`);
      await tr.locator("th").waitFor({ state: "visible" });
      for (const api of compared) {
        const td = tr.locator(`td[data-api="${api.id}"]`);
        await td.waitFor({ state: "visible" });
        const cell = row.cells[api.id];
        expect(cell, `${row.id}.${api.id}`).toBeDefined();
        const links = await td.locator("a.source").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
        const marker = td.locator("strong.not-documented");
        if (cell && isNotDocumented(cell)) {
          notDocumented++;
          expect(await marker.textContent(), `${row.id}.${api.id}`).toBe(NOT_DOCUMENTED);
        } else {
          cited++;
          expect(await marker.count(), `${row.id}.${api.id}`).toBe(0);
          expect(links.length, `${row.id}.${api.id} links its source`).toBeGreaterThan(0);
          for (const href of links) expect(href).toMatch(/^https:\/\//);
        }
        expect(links, `${row.id}.${api.id}`).toEqual(cell ? cellSources(cell) : []);
      }
    }
    expect(cited + notDocumented).toBe(data.rows.length * compared.length);

    await page.screenshot({ path: join(shotsDir, "compare-cancellations.png"), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe.each(apis.map((api) => [api.id, api] as const))("%s reference page", (id, api) => {
  const spec: Json = api.spec;
  it("loads offline once; every operation, opened by its deep link from the landing page, shows its responses, code samples and sources", async () => {
    // The landing page links every operation by the route checked below.
    const landing = await open(server.url);
    const card = landing.locator(`article.card[data-api="${id}"]`);
    const links = await card.locator("li.operation a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    await landing.close();
    const page = await open(`${server.url}${id}/`);
    await page.getByRole("heading", { level: 1, name: new RegExp(`^${escapeRegExp(spec.info.title)}`) }).waitFor({ state: "visible" });
    const main = page.getByRole("main");
    let first = true;
    for (const op of Object.values(api.api.operations)) {
      const operation = spec.paths[op.path][op.method];
      const anchor = operationAnchor(op.operationId, operation.tags?.[0]);
      expect(links, `the landing page links ${op.operationId}`).toContain(`${id}/${anchor}`);
      await page.goto(`${server.url}${id}/${anchor}`);
      await page.waitForURL(new RegExp(`/${escapeRegExp(id)}/#/`));
      const heading = page.getByRole("heading", { level: 2, name: new RegExp(`${escapeRegExp(operation.summary)}$`) });
      await heading.first().waitFor({ state: "visible" });
      await main.getByText(op.path, { exact: true }).first().waitFor({ state: "visible" });
      // The reference renders other operations (e.g. of the same path) beside this one: the innermost element holding
      // this operation's heading and a response-status tab list is this operation's section.
      const section = page
        .locator("div")
        .filter({ has: heading })
        .filter({ has: page.getByRole("tablist", { name: "Response status" }) })
        .last();
      const statuses = section.getByRole("tablist", { name: "Response status" });
      for (const status of Object.keys(operation.responses)) {
        await statuses.getByRole("tab", { name: status, exact: true }).waitFor({ state: "visible" });
      }
      expect(await statuses.getByRole("tab").count(), op.operationId).toBe(Object.keys(operation.responses).length);
      // Code samples: our client first (the default tab), then curl.
      const languages = section.getByRole("button", { name: "TypeScript", exact: true });
      await languages.waitFor({ state: "visible" });
      const tsCode = section.locator("code", { hasText: `client.${op.operationId}(` }).first();
      await tsCode.waitFor({ state: "visible" });
      await languages.click();
      await page.getByRole("menuitem", { name: "curl", exact: true }).click();
      const curl = section.locator("code", { hasText: `curl --request ${op.method.toUpperCase()}` }).first();
      await curl.waitFor({ state: "visible" });
      const curlText = await curl.textContent();
      if (api.api.protocol === "aws-rest-json") {
        expect(curlText).toMatch(/--aws-sigv4 "aws:amz:[a-z0-9-]+:[a-z0-9-]+"/);
        expect(curlText).toContain('--user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY"');
      }
      // Vendor source: the externalDocs page and the x-source page, as links.
      for (const url of [operation.externalDocs?.url, operation["x-source"]?.url]) {
        expect(url, `${op.operationId}: the spec records externalDocs and x-source`).toBeTruthy();
        await main.locator(`a[href="${url}"]`).first().waitFor({ state: "visible" });
      }
      // Back to TypeScript (the language choice is shared by every operation of the page).
      await section.getByRole("button", { name: "curl", exact: true }).click();
      await page.getByRole("menuitem", { name: "TypeScript", exact: true }).click();
      await tsCode.waitFor({ state: "visible" });
      if (first) {
        await heading.first().scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(shotsDir, `${id}.png`) });
        first = false;
      }
    }
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe("network", () => {
  it("no request left 127.0.0.1", () => {
    expect(blocked).toEqual([]);
  });
});
