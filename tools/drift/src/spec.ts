/** Reduces a bundled spec (`packages/<id>/dist/openapi.json`) to the normalised model of ./model.ts. */
import type { Kind, Member, Model, Operation } from "./model.js";
import { deref } from "@subscription-apis/test-kit/workspace";

type Json = Record<string, unknown>;
interface Doc {
  paths: Record<string, Json>;
  components?: Record<string, Record<string, Json>>;
}

/** Protocol headers every response carries; not members of the model. */
const PROTOCOL_HEADERS = new Set(["x-amzn-requestid", "x-amzn-errortype"]);

const resolve = (doc: Doc, v: unknown): Json => deref(doc, v);

/** Properties and required names of an object schema, merging allOf/oneOf/anyOf branches. */
function objectParts(doc: Doc, s: Json): { props: Record<string, unknown>; required: Set<string>; union: boolean } {
  const props: Record<string, unknown> = { ...((s.properties as Json | undefined) ?? {}) };
  const required = new Set((s.required as string[] | undefined) ?? []);
  let union = false;
  for (const k of ["allOf", "oneOf", "anyOf"] as const) {
    for (const b of (s[k] as unknown[] | undefined) ?? []) {
      const part = objectParts(doc, resolve(doc, b));
      Object.assign(props, part.props);
      if (k === "allOf") for (const r of part.required) required.add(r);
      else union = true;
    }
  }
  // Branches of a union each require their one member; the union's members are all optional.
  if (union) for (const k of Object.keys(props)) if (!(s.required as string[] | undefined)?.includes(k)) required.delete(k);
  return { props, required, union };
}

function kindOf(s: Json): Kind {
  const type = Array.isArray(s.type) ? (s.type as string[]).find((t) => t !== "null") : (s.type as string | undefined);
  if (type === "string") return s.format === "date-time" ? "timestamp" : s.format === "byte" || s.format === "binary" ? "blob" : "string";
  if (type === "integer" || type === "number") return "number";
  if (type === "boolean") return "boolean";
  if (type === "array") return "list";
  if (type === "object" && s.additionalProperties && !s.properties) return "map";
  if (type === "object" || s.properties || s.oneOf || s.anyOf || s.allOf) return "structure";
  if (s.enum) return "string";
  return "document";
}

function member(doc: Doc, schemaRef: unknown, required: boolean, seen: Set<string>): Member {
  const ref = (schemaRef as Json)?.$ref as string | undefined;
  const s = resolve(doc, schemaRef);
  const kind = kindOf(s);
  const m: Member = { kind, required };
  const min = kind === "number" ? s.minimum : kind === "list" ? s.minItems : kind === "map" ? s.minProperties : s.minLength;
  const max = kind === "number" ? s.maximum : kind === "list" ? s.maxItems : kind === "map" ? s.maxProperties : s.maxLength;
  if (typeof min === "number") m.min = min;
  if (typeof max === "number") m.max = max;
  if (typeof s.pattern === "string") m.pattern = s.pattern;
  if (s["x-idempotency-token"] === true) m.token = true;
  if (Array.isArray(s.enum)) m.enum = (s.enum as unknown[]).filter((x): x is string => typeof x === "string");
  if (ref && seen.has(ref)) return m;
  const next = ref ? new Set([...seen, ref]) : seen;
  if (kind === "structure") m.members = structMembers(doc, s, next);
  if (kind === "list") {
    const inner = member(doc, s.items, false, next);
    if (inner.members) m.members = inner.members;
  }
  if (kind === "map") {
    const inner = member(doc, s.additionalProperties, false, next);
    if (inner.members) m.members = inner.members;
  }
  return m;
}

function structMembers(doc: Doc, s: Json, seen: Set<string>): Record<string, Member> {
  const { props, required } = objectParts(doc, s);
  const out: Record<string, Member> = {};
  for (const [n, p] of Object.entries(props)) out[n] = member(doc, p, required.has(n), seen);
  return out;
}

const pascal = (id: string) => `${id[0]!.toUpperCase()}${id.slice(1)}`;

export function specModel(doc: Doc): Model & { scopePrefixes: string[] } {
  const operations: Record<string, Operation> = {};
  const errorShapes: Model["errorShapes"] = {};
  for (const [path, item] of Object.entries(doc.paths)) {
    const shared = ((item.parameters as unknown[] | undefined) ?? []).map((p) => resolve(doc, p));
    for (const [method, raw] of Object.entries(item)) {
      if (method === "parameters" || method.startsWith("x-")) continue;
      const op = raw as Json;
      const input: Record<string, Member> = {};
      for (const p of [...shared, ...((op.parameters as unknown[] | undefined) ?? []).map((x) => resolve(doc, x))]) {
        const loc = p.in === "path" ? "label" : (p.in as string);
        const name = p.in === "header" ? (p.name as string).toLowerCase() : (p.name as string);
        input[`${loc}:${name}`] = member(doc, p.schema, p.required === true, new Set());
        if (p["x-idempotency-token"] === true) input[`${loc}:${name}`]!.token = true;
      }
      const body = op.requestBody ? resolve(doc, op.requestBody) : undefined;
      const bodySchema = (body?.content as Json | undefined)?.["application/json"] as Json | undefined;
      if (bodySchema?.schema)
        for (const [n, m] of Object.entries(structMembers(doc, resolve(doc, bodySchema.schema), new Set()))) input[`body:${n}`] = m;
      const output: Record<string, Member> = {};
      const errors: Record<string, number> = {};
      let status = 0;
      for (const [code, r] of Object.entries(op.responses as Json)) {
        const res = resolve(doc, r);
        const n = Number(code);
        if (n >= 200 && n < 300) {
          status ||= n;
          for (const [h, hv] of Object.entries((res.headers as Json | undefined) ?? {})) {
            if (PROTOCOL_HEADERS.has(h.toLowerCase())) continue;
            output[`header:${h.toLowerCase()}`] = member(doc, resolve(doc, hv).schema, false, new Set());
          }
          const c = (res.content as Json | undefined)?.["application/json"] as Json | undefined;
          if (c?.schema)
            for (const [m, v] of Object.entries(structMembers(doc, resolve(doc, c.schema), new Set()))) output[`body:${m}`] = v;
          continue;
        }
        for (const [ecode, e] of Object.entries((res["x-error-codes"] as Record<string, { schema: string }> | undefined) ?? {})) {
          errors[ecode] = n;
          const schema = doc.components?.schemas?.[e.schema];
          if (!schema) continue;
          const members: Record<string, Member> = {};
          for (const [h, hv] of Object.entries((res.headers as Json | undefined) ?? {})) {
            if (!PROTOCOL_HEADERS.has(h.toLowerCase()))
              members[`header:${h.toLowerCase()}`] = member(doc, resolve(doc, hv).schema, false, new Set());
          }
          for (const [m, v] of Object.entries(structMembers(doc, schema, new Set()))) members[`body:${m}`] = v;
          errorShapes[ecode] = { status: n, members };
        }
      }
      operations[pascal(op.operationId as string)] = { method, uri: path, status, input, output, errors };
    }
  }
  return { operations, errorShapes, scopePrefixes: Object.keys(doc.paths) };
}
