/**
 * Reads a botocore `service-2.json` (or `.json.gz`): the model the official AWS SDK for Python ships. Unlike the
 * JavaScript SDK package's compiled schemas it is a documented, stable format, and it carries lengths, ranges and
 * patterns. Committed beside each spec (`specs/<id>/model/`); never fetched by the tool itself.
 */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import type { Kind, Member, Model, Operation } from "./model.js";

interface Ref {
  shape: string;
  location?: string;
  locationName?: string;
  idempotencyToken?: boolean;
}
interface Shape {
  type: string;
  members?: Record<string, Ref>;
  required?: string[];
  member?: Ref;
  value?: Ref;
  enum?: string[];
  min?: number;
  max?: number;
  pattern?: string;
  exception?: boolean;
  error?: { httpStatusCode?: number };
}
interface ServiceJson {
  metadata: { serviceId: string; apiVersion: string };
  operations: Record<
    string,
    { http: { method: string; requestUri: string; responseCode?: number }; input?: Ref; output?: Ref; errors?: Ref[] }
  >;
  shapes: Record<string, Shape>;
}

const KIND: Record<string, Kind> = {
  string: "string",
  integer: "number",
  long: "number",
  float: "number",
  double: "number",
  boolean: "boolean",
  timestamp: "timestamp",
  blob: "blob",
  list: "list",
  map: "map",
  structure: "structure",
  document: "document",
};

export function loadBotocoreModel(file: string): Model & { version: string } {
  const raw = readFileSync(file);
  const m = JSON.parse((file.endsWith(".gz") ? gunzipSync(raw) : raw).toString("utf8")) as ServiceJson;
  const shapes = m.shapes;
  const member = (ref: Ref, required: boolean, seen: Set<string>): Member => {
    const s = shapes[ref.shape]!;
    const out: Member = { kind: KIND[s.type] ?? "document", required };
    if (s.enum) out.enum = s.enum;
    if (s.min !== undefined && s.type !== "timestamp") out.min = s.min;
    if (s.max !== undefined) out.max = s.max;
    if (s.pattern !== undefined) out.pattern = s.pattern;
    if (ref.idempotencyToken) out.token = true;
    if (seen.has(ref.shape)) return out;
    const next = new Set([...seen, ref.shape]);
    const inner =
      s.type === "structure"
        ? { members: struct(s, next) }
        : s.type === "list"
          ? member(s.member!, false, next)
          : s.type === "map"
            ? member(s.value!, false, next)
            : {};
    if (inner.members) out.members = inner.members;
    return out;
  };
  const struct = (s: Shape, seen: Set<string>): Record<string, Member> => {
    const req = new Set(s.required ?? []);
    return Object.fromEntries(Object.entries(s.members ?? {}).map(([n, r]) => [n, member(r, req.has(n), seen)]));
  };
  const located = (name: string | undefined): Record<string, Member> => {
    if (!name) return {};
    const s = shapes[name]!;
    const req = new Set(s.required ?? []);
    const out: Record<string, Member> = {};
    for (const [n, r] of Object.entries(s.members ?? {})) {
      const wire = r.locationName ?? n;
      const key =
        r.location === "uri"
          ? `label:${wire}`
          : r.location === "querystring"
            ? `query:${wire}`
            : r.location === "header"
              ? `header:${wire.toLowerCase()}`
              : `body:${n}`;
      out[key] = member(r, req.has(n), new Set([name]));
    }
    return out;
  };
  const errorShapes: Model["errorShapes"] = {};
  for (const [n, s] of Object.entries(shapes))
    if (s.exception) errorShapes[n] = { status: s.error?.httpStatusCode ?? 400, members: located(n) };
  const operations: Record<string, Operation> = {};
  for (const [n, op] of Object.entries(m.operations)) {
    const errors = Object.fromEntries((op.errors ?? []).map((e) => [e.shape, errorShapes[e.shape]?.status ?? 400]));
    operations[n] = {
      method: op.http.method.toLowerCase(),
      uri: op.http.requestUri,
      status: op.http.responseCode ?? 200,
      input: located(op.input?.shape),
      output: located(op.output?.shape),
      errors,
    };
  }
  return { version: `${m.metadata.serviceId} ${m.metadata.apiVersion}`, operations, errorShapes };
}
