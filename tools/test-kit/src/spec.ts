/** A package's bundled spec (`dist/openapi.json`) for its vendor-facts test, with local `$ref` resolution. */
import { readFileSync } from "node:fs";

/** An untyped JSON document (tools and tests may use `any`). */
export type Json = any;

export function bundledSpec(url: URL): { spec: Json; deref: (node: Json) => Json } {
  const spec: Json = JSON.parse(readFileSync(url, "utf8"));
  /** Follows local `#/...` refs (a chain of them), keeping the referring node's sibling keys (3.1 allows them). */
  const deref = (node: Json): Json => {
    if (!node || typeof node.$ref !== "string") return node;
    const { $ref, ...siblings } = node as { $ref: string };
    if (!$ref.startsWith("#/")) throw new Error(`unexpected non-local $ref ${$ref}`);
    const target = $ref
      .slice(2)
      .split("/")
      .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce((acc: Json, key: string) => acc?.[key], spec);
    const resolved = deref(target);
    return Object.keys(siblings).length ? { ...resolved, ...siblings } : resolved;
  };
  return { spec, deref };
}
