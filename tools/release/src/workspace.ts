import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

/** The workspace root: the nearest folder upward holding pnpm-workspace.yaml and redocly.yaml. */
export function findRoot(from = process.cwd()): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, "redocly.yaml")) && existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No redocly.yaml + pnpm-workspace.yaml found above ${from}`);
    dir = parent;
  }
}

/** tools/release itself (its node_modules/.bin holds publint, attw, esbuild, verdaccio, ...). */
export const toolDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export interface PackageJson {
  name: string;
  version: string;
  private?: boolean;
  [key: string]: unknown;
}

export interface PublicPackage {
  /** `@subscription-apis/mayar` */
  name: string;
  /** `mayar` (the folder under packages/, and the API id when it has a spec) */
  id: string;
  dir: string;
  version: string;
  /** specs/<id>/openapi.yaml when the package is an API client registered in redocly.yaml */
  spec?: string;
}

export function readJson<T = PackageJson>(file: string): T {
  return JSON.parse(readFileSync(file, "utf8")) as T;
}

/** Spec roots registered in redocly.yaml, by API id (`mayar@v1` -> `mayar`). */
export function registeredSpecs(root: string): Map<string, string> {
  const config = parse(readFileSync(join(root, "redocly.yaml"), "utf8")) as { apis?: Record<string, { root: string }> };
  return new Map(Object.entries(config.apis ?? {}).map(([name, api]) => [name.replace(/@[^@]+$/, ""), resolve(root, api.root)]));
}

/** Every publishable (non-private) package under packages/, sorted by name. */
export function publicPackages(root: string): PublicPackage[] {
  const specs = registeredSpecs(root);
  const out: PublicPackage[] = [];
  for (const id of readdirSync(join(root, "packages"))) {
    const file = join(root, "packages", id, "package.json");
    if (!existsSync(file)) continue;
    const pkg = readJson(file);
    if (pkg.private) continue;
    const spec = specs.get(id);
    out.push({ name: pkg.name, id, dir: join(root, "packages", id), version: pkg.version, ...(spec ? { spec } : {}) });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
