import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ApiDef, OperationDef } from "@subscription-apis/runtime";
import type { ApiDescriptor } from "@subscription-apis/runtime/internal";
import { findRoot, loadDescriptors, loadRegistry } from "@subscription-apis/test-kit/workspace";

export type Json = any;

/** One API of the registry, with everything the docs need: its generated descriptor and bundled spec. */
export interface DocsApi {
  /** `mayar` */
  id: string;
  /** `mayar@v1` (the redocly.yaml key) */
  name: string;
  /** `@subscription-apis/mayar` */
  packageName: string;
  packageVersion: string;
  /** packages/<id>/dist/openapi.json (the `bundle` task's output) */
  bundlePath: string;
  /** The bundled spec (read from `bundlePath`). */
  spec: Json;
  /** The generated `api` data (servers, security, operations, params) the client runs on. */
  api: ApiDef;
  descriptor: ApiDescriptor;
}

export { findRoot };

/**
 * Every API registered in redocly.yaml with its descriptor (the test-kit's `loadDescriptors`). The API packages are
 * dependencies of @subscription-apis/docs so that turbo runs their `bundle` and `build` before `docs`.
 */
export async function loadDocsApis(root: string): Promise<DocsApi[]> {
  const { apis } = await loadRegistry(root);
  const own = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { dependencies: Record<string, string> };
  for (const entry of apis) {
    if (!own.dependencies[entry.packageName]) {
      throw new Error(
        `${entry.name}: ${entry.packageName} is not a dependency of @subscription-apis/docs. Add ` +
          `"${entry.packageName}": "workspace:*" to tools/docs/package.json (dependencies) and run pnpm install, ` +
          "so that turbo bundles and builds it before the docs task.",
      );
    }
  }
  const descriptors = await loadDescriptors(root);
  return apis.map((entry, i) => {
    const bundlePath = join(entry.packageDir, "dist", "openapi.json");
    if (!existsSync(bundlePath)) throw new Error(`${entry.name}: ${bundlePath} is missing; run \`pnpm turbo run bundle\` first.`);
    const { version } = JSON.parse(readFileSync(join(entry.packageDir, "package.json"), "utf8")) as { version: string };
    const { packageName, id, name } = entry;
    const spec = JSON.parse(readFileSync(bundlePath, "utf8"));
    return { id, name, packageName, packageVersion: version, bundlePath, spec, api: descriptors[i]!.api, descriptor: descriptors[i]! };
  });
}

const slug = (value: string) =>
  value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

/** Redoc 3's route for an operation: `#/<tag slug>/<operationId, lower-cased>` (checked by the browser test). */
export function operationAnchor(operationId: string, tag: string | undefined): string {
  return tag ? `#/${slug(tag)}/${slug(operationId)}` : `#/${slug(operationId)}`;
}

/** The link to an operation on its API's reference page, from a page whose way to the site root is `root`. */
export function operationHref(root: string, api: DocsApi, op: OperationDef): string {
  return `${root}${api.id}/${operationAnchor(op.operationId, specOperation(api.spec, op).operation.tags?.[0])}`;
}

/** The operation object of the bundled spec that the generated operation data describes. */
export function specOperation(spec: Json, op: OperationDef): { operation: Json } {
  const operation = spec.paths?.[op.path]?.[op.method];
  if (!operation) throw new Error(`${op.operationId}: ${op.method.toUpperCase()} ${op.path} is not in the bundled spec`);
  return { operation };
}
