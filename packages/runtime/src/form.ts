/**
 * `application/x-www-form-urlencoded` bodies, on `qs-esm` (the maintained ESM build of the `qs` package, without
 * its polyfills: about a fifth of `qs` in a browser bundle) — the bracket format Stripe's and Chargebee's APIs read.
 * In a module of its own: only operations with a form body reference `formBody`, so only their consumers bundle it.
 */
import { stringify } from "qs-esm";
import { ValidationError } from "./errors.js";
import type { BodyEncoder } from "./types.js";

/**
 * One property per OpenAPI `encoding` entry: `style: form` (the default) with `explode: true` sends an array as
 * repeated keys and an object as its own key/value pairs, with `explode: false` as one comma-separated value;
 * `style: deepObject` sends nested objects and arrays as bracket keys (`items[0][price]=p_1`). Brackets are sent
 * unescaped, as Stripe's own client does (qs escapes them; a server decodes both the same).
 */
export const formBody: BodyEncoder = (value, op, headers) => {
  const body = op.body!;
  headers["content-type"] ??= body.contentType;
  const parts: string[] = [];
  for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined) continue;
    if (v instanceof Blob || ArrayBuffer.isView(v))
      throw new ValidationError(op.operationId, name, "type", "a form-encoded body cannot carry binary data (use multipart/form-data)");
    const { style = "form", explode = style === "form" } = body.encoding?.[name] ?? {};
    const deep = style === "deepObject";
    const object = v !== null && typeof v === "object" && !Array.isArray(v);
    let part: string;
    if (deep) part = stringify({ [name]: v }, { arrayFormat: "indices" });
    else if (!explode && (object || Array.isArray(v)))
      part = stringify({ [name]: object ? Object.entries(v as object).flat() : v }, { arrayFormat: "comma" });
    else part = stringify(object ? v : { [name]: v }, { arrayFormat: "repeat" });
    if (part) parts.push(part);
  }
  return parts.join("&").replace(/%5B/gi, "[").replace(/%5D/gi, "]");
};
