/**
 * The workspace as every tool sees it: its root, the APIs registered in redocly.yaml (the one registry, read with
 * Redocly core like openapi-typescript's CLI reads it) and local `$ref` resolution in a bundled spec.
 * No vitest here: the tools' CLIs import this entry at run time.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, lstatSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type Config, loadConfig, unescapePointer } from "@redocly/openapi-core";
import type { ApiDescriptor } from "@subscription-apis/runtime/internal";

/** The workspace root: the nearest folder upward holding redocly.yaml and pnpm-workspace.yaml. */
export function findRoot(from = process.cwd()): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, "redocly.yaml")) && existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No redocly.yaml + pnpm-workspace.yaml found above ${from}`);
    dir = parent;
  }
}

export interface ApiEntry {
  /** `mayar` */
  id: string;
  /** `mayar@v1` (the redocly.yaml key) */
  name: string;
  /** Absolute path of specs/<id>/openapi.yaml */
  root: string;
  /** Absolute path of packages/<id> */
  packageDir: string;
  /** `@subscription-apis/mayar` */
  packageName: string;
}

/** Every API registered in redocly.yaml, in its order, and the loaded Redocly config (to bundle with). */
export async function loadRegistry(root: string): Promise<{ config: Config; apis: ApiEntry[] }> {
  const config = await loadConfig({ configPath: join(root, "redocly.yaml") });
  const apis = Object.entries(config.apis ?? {}).map(([name, api]) => {
    const id = name.replace(/@[^@]+$/, "");
    return { id, name, root: resolve(root, api.root), packageDir: join(root, "packages", id), packageName: `@subscription-apis/${id}` };
  });
  return { config, apis };
}

export function apiById(apis: readonly ApiEntry[], id: string): ApiEntry {
  const found = apis.find((a) => a.id === id);
  if (!found) throw new Error(`API "${id}" is not registered in redocly.yaml (known: ${apis.map((a) => a.id).join(", ")})`);
  return found;
}

type Json = any;

/** The value at a local JSON pointer (`#/components/schemas/X`), or an error naming the pointer. */
export function resolvePointer(doc: Json, ref: string): Json {
  if (!ref.startsWith("#")) throw new Error(`external $ref ${ref} in a bundled spec (only local "#/..." refs are resolved)`);
  let cur = doc;
  for (const part of ref.slice(1).split("/").slice(1)) {
    cur = cur?.[unescapePointer(part)];
    if (cur === undefined) throw new Error(`dangling $ref ${ref}`);
  }
  return cur;
}

/** Follow `$ref`s from `node` until a value that is not a reference (cycles fail, naming the ref). */
export function deref(doc: Json, node: Json): Json {
  let cur = node;
  const seen = new Set<string>();
  while (cur && typeof cur === "object" && typeof cur.$ref === "string") {
    if (seen.has(cur.$ref)) throw new Error(`reference cycle at ${cur.$ref}`);
    seen.add(cur.$ref);
    cur = resolvePointer(doc, cur.$ref);
  }
  return cur;
}

/**
 * The generated descriptor of every API of redocly.yaml, in registry order (`packages/<id>/dist/generated/descriptor.js`,
 * the `./descriptor` subpath of each client package): the one per-API source the tools read.
 */
export async function loadDescriptors(root: string): Promise<ApiDescriptor[]> {
  const out: ApiDescriptor[] = [];
  for (const api of (await loadRegistry(root)).apis) {
    const file = join(api.packageDir, "dist", "generated", "descriptor.js");
    if (!existsSync(file)) throw new Error(`${api.name}: ${file} is missing; run \`pnpm build\` first.`);
    out.push(((await import(pathToFileURL(file).href)) as { descriptor: ApiDescriptor }).descriptor);
  }
  return out;
}

/** esbuild options of a browser app's bundle (ESM, minified, tree-shaken), as `pnpm check:size` and `pnpm bench` measure it. */
export const BROWSER_BUNDLE = {
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
} as const;

/**
 * The browser consumer of one operation of an API package, as JavaScript source for a bundler (`stdin`): its cancel
 * operation through `create<Name>Core` + the operation function (`via: "core"`, what a consumer importing single
 * operations ships) or through the all-operations client `create<Name>Client` (`via: "client"`).
 */
export function oneOperationConsumer(d: ApiDescriptor, via: "core" | "client"): { label: string; source: string } {
  const op = d.cancelOperation;
  const factory = via === "core" ? d.factories.core : d.factories.client;
  const call = via === "core" ? `${op}(${factory}(options), input)` : `${factory}(options).${op}(input)`;
  return {
    label: `generated: ${factory} + ${op}`,
    source: `import { ${via === "core" ? `${factory}, ${op}` : factory} } from "${d.packageName}";\nexport const call = (options, input) => ${call};\n`,
  };
}

/**
 * Copy the working tree (tracked files plus untracked, non-ignored ones: what `git status` would commit) into
 * `dest` and make it a fresh git repo on `main` with one commit. The real repository is only read.
 */
export function scratchCopy(root: string, dest: string): string[] {
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 64 << 20,
  })
    .split("\0")
    .filter(Boolean);
  const copied: string[] = [];
  for (const f of new Set(files)) {
    const from = join(root, f);
    if (!existsSync(from) || !lstatSync(from).isFile()) continue; // deleted in the work tree, or a symlink/submodule
    mkdirSync(dirname(join(dest, f)), { recursive: true });
    copyFileSync(from, join(dest, f));
    copied.push(f);
  }
  gitCommitAll(dest, "scratch copy of the working tree", true);
  return copied;
}

const GIT_ID = [
  "-c",
  "user.name=sapi-ci",
  "-c",
  "user.email=ci@example.invalid",
  "-c",
  "commit.gpgsign=false",
  "-c",
  "core.hooksPath=/dev/null",
];

export function gitCommitAll(dir: string, message: string, init = false): void {
  if (init) execFileSync("git", ["init", "-q", "-b", "main"], { cwd: dir });
  execFileSync("git", ["add", "-A"], { cwd: dir });
  execFileSync("git", [...GIT_ID, "commit", "-q", "--allow-empty", "-m", message], { cwd: dir });
}
