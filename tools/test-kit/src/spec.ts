/** A package's bundled spec (`dist/openapi.json`) for its vendor-facts test, with local `$ref` resolution. */
import { readFileSync } from "node:fs";
import { resolvePointer } from "./workspace.js";

/** An untyped JSON document (tools and tests may use `any`). */
export type Json = any;

export function bundledSpec(url: URL): { spec: Json; deref: (node: Json) => Json } {
  const spec: Json = JSON.parse(readFileSync(url, "utf8"));
  /** Follows local `#/...` refs (a chain of them), keeping the referring node's sibling keys (3.1 allows them). */
  const deref = (node: Json): Json => {
    if (!node || typeof node.$ref !== "string") return node;
    const { $ref, ...siblings } = node as { $ref: string };
    const resolved = deref(resolvePointer(spec, $ref));
    return Object.keys(siblings).length ? { ...resolved, ...siblings } : resolved;
  };
  return { spec, deref };
}
