#!/usr/bin/env node
import { basename, dirname, relative } from "node:path";
import { existsSync } from "node:fs";
import { SpecError } from "./bundle.js";
import { renderApi, staleFiles, writeAtomically } from "./generate.js";
import { scaffoldApi } from "./scaffold.js";
import { apiById, findRoot, loadRegistry, type ApiEntry } from "./workspace.js";

const USAGE = `Usage:
  sapi-codegen generate [<api-id>...]   regenerate packages/<id>/src/generated/ (inside packages/<id>: that API; else all)
  sapi-codegen check [<api-id>...]      fail when src/generated/ differs from what the specs generate
  sapi-codegen new-api <api-id>         scaffold specs/<id>/ (a starter spec), the package shell packages/<id>/, the
                                        redocly.yaml entry, and the dependency of every all-API tool`;

function selected(apis: ApiEntry[], ids: string[], root: string): ApiEntry[] {
  if (ids.length) return ids.map((id) => apiById(apis, id));
  const cwd = process.cwd();
  if (basename(dirname(cwd)) === "packages" && dirname(dirname(cwd)) === root) {
    const here = apis.find((a) => a.id === basename(cwd));
    if (here) return [here];
  }
  return apis;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const root = findRoot();
  if (command === "new-api") {
    const id = rest[0];
    if (!id) throw new SpecError(`new-api needs an id, e.g. \`pnpm new-api acme-billing\`\n${USAGE}`);
    const updated: string[] = [];
    const written = scaffoldApi(root, id, updated);
    for (const f of written) console.log(`${updated.includes(f) ? "updated" : "created"} ${relative(root, f)}`);
    console.log(
      `\nNext: write specs/${id}/ (and, optionally, packages/${id}/NOTES.md), then \`pnpm install && pnpm build\`: the client` +
        `\nfactory, the README and the descriptor the tools read are generated from the spec.`,
    );
    return 0;
  }
  if (command !== "generate" && command !== "check") {
    console.error(USAGE);
    return 2;
  }
  const { config, apis } = await loadRegistry(root);
  let stale = 0;
  for (const api of selected(apis, rest, root)) {
    if (!existsSync(api.packageDir)) throw new SpecError(`packages/${api.id} does not exist: run \`pnpm new-api ${api.id}\``);
    const files = await renderApi(api, config, root);
    if (command === "generate") {
      const changed = writeAtomically(files);
      console.log(`${api.id}: ${changed.length ? `wrote ${changed.map((f) => relative(root, f)).join(", ")}` : "up to date"}`);
    } else {
      const bad = staleFiles(files);
      stale += bad.length;
      for (const f of bad) console.error(`stale: ${relative(root, f)}`);
      if (!bad.length) console.log(`${api.id}: generated code is up to date`);
    }
  }
  if (stale) {
    console.error(`\n${stale} generated file(s) differ from the specs. Never edit src/generated/ by hand; fix with:\n\n  pnpm generate\n`);
    return 1;
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof SpecError) console.error(`error: ${e.message}`);
    else console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  },
);
