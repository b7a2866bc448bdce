import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { findRoot, loadRegistry } from "@subscription-apis/test-kit/workspace";
import type { ApiDef } from "@subscription-apis/runtime";
import { parseFactory, type FactoryInfo } from "./samples.js";

export type Json = any;

/** One API of the registry, with everything the docs need: bundled spec, generated data, client factory. */
export interface DocsApi {
  /** `mayar` */
  id: string;
  /** `mayar@v1` (the redocly.yaml key) */
  name: string;
  /** `@subscription-apis/mayar` */
  packageName: string;
  packageVersion: string;
  packageDir: string;
  /** packages/<id>/dist/openapi.json (the `bundle` task's output) */
  bundlePath: string;
  /** The generated `api` data (servers, security, operations, params) the client runs on. */
  api: ApiDef;
  factory: FactoryInfo;
}

export { findRoot };

/**
 * Every API registered in redocly.yaml, resolved through this package's own dependencies: the API packages
 * are dependencies of @subscription-apis/docs so that turbo runs their `bundle` and `build` before `docs`.
 */
export async function loadDocsApis(root: string): Promise<DocsApi[]> {
  const { apis } = await loadRegistry(root);
  const ownManifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    dependencies?: Record<string, string>;
  };
  const result: DocsApi[] = [];
  for (const entry of apis) {
    const manifestPath = join(entry.packageDir, "package.json");
    if (!existsSync(manifestPath)) throw new Error(`${entry.name}: no package at ${entry.packageDir} (expected packages/${entry.id})`);
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { name: string; version: string };
    if (!ownManifest.dependencies?.[manifest.name]) {
      throw new Error(
        `${entry.name}: ${manifest.name} is not a dependency of @subscription-apis/docs. Add ` +
          `"${manifest.name}": "workspace:*" to tools/docs/package.json (dependencies) and run pnpm install, ` +
          "so that turbo bundles and builds it before the docs task.",
      );
    }
    const bundlePath = join(entry.packageDir, "dist", "openapi.json");
    if (!existsSync(bundlePath)) throw new Error(`${entry.name}: ${bundlePath} is missing; run \`pnpm turbo run bundle\` first.`);
    const dtsPath = join(entry.packageDir, "dist", "index.d.ts");
    if (!existsSync(dtsPath)) throw new Error(`${entry.name}: ${dtsPath} is missing; run \`pnpm turbo run build\` first.`);
    const mod = (await import(manifest.name)) as Record<string, unknown>;
    const api = mod.api as ApiDef | undefined;
    if (!api || api.id !== entry.id) throw new Error(`${manifest.name} does not export the generated \`api\` data of ${entry.id}`);
    const factories = Object.keys(mod).filter((k) => /^create\w+Client$/.test(k) && typeof mod[k] === "function");
    if (factories.length !== 1)
      throw new Error(`${manifest.name}: expected exactly one create<Name>Client export, found [${factories.join(", ")}]`);
    // The factory is generated into src/generated/client.ts (index.ts re-exports it).
    const generatedDts = join(entry.packageDir, "dist", "generated", "client.d.ts");
    const factory = parseFactory(readFileSync(existsSync(generatedDts) ? generatedDts : dtsPath, "utf8"), factories[0] as string);
    result.push({
      id: entry.id,
      name: entry.name,
      packageName: manifest.name,
      packageVersion: manifest.version,
      packageDir: entry.packageDir,
      bundlePath,
      api,
      factory,
    });
  }
  return result;
}

export function readSpec(api: DocsApi): Json {
  return JSON.parse(readFileSync(api.bundlePath, "utf8"));
}
