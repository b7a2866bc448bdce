/**
 * The encoders a generated operation references when it needs one (tree-shaken otherwise): multipart, text and
 * binary request bodies, and path/query/header serialization per OpenAPI `style`/`explode` on openapi-fetch's
 * serializers. JSON bodies and plain parameters are built by the client itself; form bodies are in form.ts.
 */
import { serializeArrayParam, serializeObjectParam, serializePrimitiveParam } from "openapi-fetch";
import { ValidationError } from "./errors.js";
import type { BodyEncoder, ParamDef, ParamStyle, RequestEncoder } from "./types.js";
import { headerProblem } from "./validate.js";

const isBinary = (v: unknown): v is Blob | ArrayBuffer | ArrayBufferView =>
  v instanceof Blob || v instanceof ArrayBuffer || ArrayBuffer.isView(v);

/**
 * `multipart/form-data` on the platform's FormData: a Blob or File is sent as it is (a File keeps its name), bytes
 * (Uint8Array, ArrayBuffer) as a Blob, an object as a JSON part, an array as one part per item, anything else as
 * text; `encoding.<name>.contentType` sets the part's Content-Type. fetch sets the request's Content-Type with its
 * boundary, so the client sends none.
 */
export const multipartBody: BodyEncoder = (value, op, headers) => {
  const form = new FormData();
  for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined) continue;
    const type = op.body?.encoding?.[name]?.contentType;
    for (const item of Array.isArray(v) && !type?.includes("json") ? v : [v]) {
      if (item instanceof Blob) form.append(name, type && !item.type ? new Blob([item], { type }) : item);
      else if (isBinary(item)) form.append(name, new Blob([item as BlobPart], { type: type ?? "application/octet-stream" }));
      else if (item !== null && typeof item === "object")
        form.append(name, new Blob([JSON.stringify(item)], { type: type ?? "application/json" }));
      else form.append(name, type ? new Blob([String(item)], { type }) : String(item));
    }
  }
  delete headers["content-type"];
  return form;
};

/** A `text/plain` (or other `text/*`) body: the string as it is. */
export const textBody: BodyEncoder = (value, op, headers) => {
  if (typeof value !== "string") throw new ValidationError(op.operationId, "body", "type", `expected a string, got ${typeof value}`);
  headers["content-type"] ??= op.body!.contentType;
  return value;
};

/**
 * An `application/octet-stream` (or other binary) body: a Blob, Uint8Array (any typed array), ArrayBuffer or
 * ReadableStream, sent as it is. A stream can be read only once: the call then gets a single attempt.
 */
export const binaryBody: BodyEncoder = (value, op, headers) => {
  if (!isBinary(value) && !(value instanceof ReadableStream))
    throw new ValidationError(op.operationId, "body", "type", "expected a Blob, Uint8Array, ArrayBuffer or ReadableStream");
  headers["content-type"] ??= op.body!.contentType;
  return value as BodyInit;
};

function styled(p: ParamDef, value: unknown, style: ParamStyle, explode: boolean): string {
  const raw = p.in === "header"; // header values are not percent-encoded
  if (Array.isArray(value)) return serializeArrayParam(p.name, value, { style: style as "form", explode, allowReserved: raw });
  if (value !== null && typeof value === "object")
    return serializeObjectParam(p.name, value as Record<string, unknown>, { style: style as "form", explode, allowReserved: raw });
  const text = String(value);
  if (style === "simple") return raw ? text : encodeURIComponent(text);
  if (style === "label") return `.${encodeURIComponent(text)}`;
  return `${style === "matrix" ? ";" : ""}${serializePrimitiveParam(p.name, text)}`;
}

/**
 * The request of an operation that is not plain JSON (`encode` in its data): path, query and header parameters per
 * OpenAPI `style`/`explode` (defaults: `simple` in path and header, exploded `form` in query) on openapi-fetch's
 * `serializeArrayParam` / `serializeObjectParam` / `serializePrimitiveParam`; the body through the operation's
 * body encoder (else JSON) (`Accept` is set by the client for every operation). A ReadableStream body can be read once: a
 * single attempt.
 */
export const encodeRequest: RequestEncoder = (op, params, headers, options, input) => {
  let path = op.path;
  const query: string[] = [];
  for (const p of op.params) {
    const placed =
      p.in === "path"
        ? params.path[p.name]
        : p.in === "query"
          ? params.query?.[p.name]
          : p.in === "header"
            ? params.header?.[p.name]
            : undefined;
    if (placed === undefined) continue;
    // Validation placed path and header values as text: an array or object is serialized from the caller's input.
    const given = input[p.key];
    const value = given !== null && typeof given === "object" ? given : placed;
    const style = p.style ?? (p.in === "query" ? "form" : "simple");
    let text: string;
    try {
      text = styled(p, value, style, p.explode ?? style === "form");
    } catch (e) {
      throw new ValidationError(op.operationId, p.key, "style", `cannot be serialized as ${style}: ${(e as Error).message}`);
    }
    if (p.in === "path") path = path.replace(`{${p.name}}`, () => text);
    else if (p.in === "query") {
      if (text) query.push(text);
    } else {
      const problem = headerProblem(text);
      if (problem) throw new ValidationError(op.operationId, p.key, problem[0], problem[1]);
      headers[p.name.toLowerCase()] = text;
    }
  }
  let body: BodyInit | undefined;
  if (params.body !== undefined) {
    const encode = op.body?.encode;
    if (encode) body = encode(params.body, op, headers);
    else {
      body = JSON.stringify(params.body);
      headers["content-type"] ??= "application/json";
    }
  }
  const once = body instanceof ReadableStream;
  return [
    path,
    query.length ? `?${query.join("&")}` : "",
    body,
    once ? { ...options, retry: { ...options.retry, maxAttempts: 1 } } : options,
  ];
};
