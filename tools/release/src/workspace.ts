import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadRegistry } from "@subscription-apis/test-kit/workspace";

export { findRoot } from "@subscription-apis/test-kit/workspace";

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

/** Every publishable (non-private) package under packages/, sorted by name. */
export async function publicPackages(root: string): Promise<PublicPackage[]> {
  const specs = new Map((await loadRegistry(root)).apis.map((a) => [a.id, a.root]));
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
