import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { loadConfig, type Config } from "@redocly/openapi-core";

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
}

/** Every API registered in redocly.yaml (the one registry). */
export async function loadRegistry(root: string): Promise<{ config: Config; apis: ApiEntry[] }> {
  const config = await loadConfig({ configPath: join(root, "redocly.yaml") });
  const apis: ApiEntry[] = [];
  for (const [name, api] of Object.entries(config.apis ?? {})) {
    const id = name.replace(/@[^@]+$/, "");
    apis.push({ id, name, root: resolve(root, api.root), packageDir: join(root, "packages", id) });
  }
  return { config, apis };
}

export function apiById(apis: ApiEntry[], id: string): ApiEntry {
  const found = apis.find((a) => a.id === id);
  if (!found) throw new Error(`API "${id}" is not registered in redocly.yaml (known: ${apis.map((a) => a.id).join(", ")})`);
  return found;
}
