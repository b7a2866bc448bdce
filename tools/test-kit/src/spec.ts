/**
 * A client package's vendor facts, checked against its bundled spec (`dist/openapi.json`): `specFacts(url, facts)`
 * makes one test per fact, `pointer → the value the vendor documents there` (compared with `toEqual`).
 * A pointer is a JSON pointer from the document (`/servers/0/url`) or from an operation (`cancelThing/x-idempotent`,
 * whose `parameters` include the path item's); `$ref`s are followed on the way, and a step into an array of
 * parameters may be a parameter's name. Only the last step may be missing (a fact `undefined` says "absent").
 */
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { unescapePointer } from "@redocly/openapi-core";
import { deref } from "./workspace.js";

/** An untyped JSON document (tools and tests may use `any`). */
export type Json = any;

export function specFacts(url: URL, facts: Readonly<Record<string, unknown>>): void {
  const spec: Json = JSON.parse(readFileSync(url, "utf8"));
  const operations = new Map<string, Json>();
  for (const item of Object.values<Json>(spec.paths ?? {}))
    for (const op of Object.values<Json>(item))
      if (op?.operationId) operations.set(op.operationId, { ...op, parameters: [...(item.parameters ?? []), ...(op.parameters ?? [])] });

  const resolve = (pointer: string): unknown => {
    const [first, ...steps] = pointer.split("/").map(unescapePointer);
    let node: Json = first === "" ? spec : operations.get(first!);
    if (node === undefined) throw new Error(`${pointer}: no operation ${first}`);
    for (const [i, step] of steps.entries()) {
      if (node === null || typeof node !== "object") throw new Error(`${pointer}: no object at ${[first, ...steps.slice(0, i)].join("/")}`);
      if (!(step in node)) node = deref(spec, node);
      node = Array.isArray(node) && !/^\d+$/.test(step) ? node.map((p) => deref(spec, p)).find((p) => p?.name === step) : node?.[step];
    }
    return node;
  };

  it.each(Object.entries(facts))("%s", (pointer, expected) => {
    expect(resolve(pointer)).toEqual(expected);
  });
}
