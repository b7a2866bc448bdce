#!/usr/bin/env node
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { buildSite } from "./build.js";
import { findRoot } from "./registry.js";
import { serveStatic } from "./serve.js";

const USAGE = `Usage:
  sapi-docs build [--out <dir>]            render site/ (one page per API in redocly.yaml + index.html)
  sapi-docs serve [--port <n>] [--dir <dir>] serve site/ on 127.0.0.1 (default port 4173; 0 = any free port)`;

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  const root = findRoot();
  if (command === "build") {
    const started = Date.now();
    const out = flag(args, "--out");
    console.log(`Building the API reference site from ${join(root, "redocly.yaml")}`);
    const { outDir, apis } = await buildSite({ root, ...(out ? { outDir: resolve(out) } : {}) });
    console.log(`Built ${apis.length + 1} pages into ${outDir} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  }
  if (command === "serve") {
    const dir = resolve(flag(args, "--dir") ?? join(root, "site"));
    if (!existsSync(join(dir, "index.html"))) {
      console.error(`${dir}/index.html does not exist. Build the site first: pnpm run docs:build`);
      return 1;
    }
    const port = Number(flag(args, "--port") ?? process.env.PORT ?? 4173);
    const { url, close } = await serveStatic(dir, port);
    console.log(`Serving ${dir}\n\n  ${url}\n\nPress Ctrl+C to stop.`);
    const stop = () => void close().then(() => process.exit(0));
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    return await new Promise<number>(() => {});
  }
  console.error(USAGE);
  return command === undefined || command === "--help" ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
