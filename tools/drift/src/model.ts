/**
 * The normalised model both sides are reduced to before comparing: operations with their HTTP binding, input and
 * output members (by location), required, type kind and enum values, nested structures, and error shapes.
 */
export type Kind = "string" | "number" | "boolean" | "timestamp" | "blob" | "document" | "list" | "map" | "structure";

export interface Member {
  kind: Kind;
  required: boolean;
  enum?: string[];
  /** Length (string, list, map) or range (number) limits and pattern: only a botocore model carries them. */
  min?: number;
  max?: number;
  pattern?: string;
  /** An idempotency token (the model's `idempotencyToken`, the spec's `x-idempotency-token`). */
  token?: boolean;
  /** Members of a structure/union (or of a list's/map's structure value), keyed by name. */
  members?: Record<string, Member>;
}

export interface Operation {
  method: string;
  uri: string;
  status: number;
  /** Keyed by location: `label:<name>`, `query:<wire name>`, `header:<wire name>` (lower case), `body:<member>`. */
  input: Record<string, Member>;
  output: Record<string, Member>;
  /** Error code -> HTTP status. */
  errors: Record<string, number>;
}

export interface Model {
  operations: Record<string, Operation>;
  /** Error shapes by code: HTTP status and members keyed by location (`header:<name>`, `body:<member>`). */
  errorShapes: Record<string, { status: number; members: Record<string, Member> }>;
}

/** One difference, with a stable id (what drift-allowlist.yaml lists). */
export interface Difference {
  id: string;
  detail: string;
}

const show = (v: unknown) => (v === undefined ? "absent" : JSON.stringify(v));

/**
 * Kinds compare equal, except that a model `timestamp` may be a spec `number`: restJson1 sends timestamps in JSON
 * bodies as epoch seconds by default.
 */
function diffMembers(prefix: string, spec: Record<string, Member>, model: Record<string, Member>, out: Difference[], depth = 0): void {
  for (const name of new Set([...Object.keys(spec), ...Object.keys(model)])) {
    const a = spec[name];
    const b = model[name];
    const id = `${prefix}.${name}`;
    if (!a || !b) {
      out.push({
        id: `${id}: ${a ? "only in the spec" : "only in the model"}`,
        detail: `member ${name} ${a ? "is not in the model" : "is missing from the spec"}`,
      });
      continue;
    }
    if (a.kind !== b.kind && !(b.kind === "timestamp" && a.kind === "number"))
      out.push({ id: `${id}: type`, detail: `spec ${a.kind}, model ${b.kind}` });
    if (!a.token !== !b.token) out.push({ id: `${id}: idempotency token`, detail: `spec ${!!a.token}, model ${!!b.token}` });
    if (a.required !== b.required) out.push({ id: `${id}: required`, detail: `spec ${a.required}, model ${b.required}` });
    const ea = a.enum ? [...a.enum].sort() : undefined;
    const eb = b.enum ? [...b.enum].sort() : undefined;
    if (show(ea) !== show(eb)) out.push({ id: `${id}: enum`, detail: `spec ${show(ea)}, model ${show(eb)}` });
    // botocore drops a pattern's ^…$ anchors and writes min 0 for "no lower bound": both compare as equal.
    const unanchored = (p: string | undefined) => p?.replace(/^\^/, "").replace(/\$$/, "");
    if (b.pattern !== undefined && unanchored(a.pattern) !== unanchored(b.pattern))
      out.push({ id: `${id}: pattern`, detail: `spec ${show(a.pattern)}, model ${show(b.pattern)}` });
    if (b.min !== undefined && (a.min ?? 0) !== b.min) out.push({ id: `${id}: min`, detail: `spec ${show(a.min)}, model ${show(b.min)}` });
    if (b.max !== undefined && a.max !== b.max) out.push({ id: `${id}: max`, detail: `spec ${show(a.max)}, model ${show(b.max)}` });
    if (depth < 8 && (a.members || b.members)) diffMembers(id, a.members ?? {}, b.members ?? {}, out, depth + 1);
  }
}

/** Every difference between the spec and the model, for the operations the spec holds. */
export function diffModels(spec: Model, model: Model, scopePrefixes: readonly string[]): Difference[] {
  const out: Difference[] = [];
  for (const name of Object.keys(spec.operations)) {
    const a = spec.operations[name]!;
    const b = model.operations[name];
    if (!b) {
      out.push({ id: `${name}: only in the spec`, detail: `operation ${name} is not in the model` });
      continue;
    }
    for (const k of ["method", "uri", "status"] as const)
      if (a[k] !== b[k]) out.push({ id: `${name}: ${k}`, detail: `spec ${show(a[k])}, model ${show(b[k])}` });
    diffMembers(`${name} input`, a.input, b.input, out);
    diffMembers(`${name} output`, a.output, b.output, out);
    for (const code of new Set([...Object.keys(a.errors), ...Object.keys(b.errors)])) {
      const sa = a.errors[code];
      const sb = b.errors[code];
      if (sa === undefined || sb === undefined)
        out.push({
          id: `${name} error ${code}: ${sa === undefined ? "only in the model" : "only in the spec"}`,
          detail: `status ${sa ?? sb}`,
        });
      else if (sa !== sb) out.push({ id: `${name} error ${code}: status`, detail: `spec ${sa}, model ${sb}` });
    }
  }
  // Operations of the model on the same resource (URI under a path the spec holds) that the spec lacks.
  for (const [name, op] of Object.entries(model.operations)) {
    if (spec.operations[name]) continue;
    if (scopePrefixes.some((p) => op.uri === p || op.uri.startsWith(`${p}/`)))
      out.push({
        id: `${name}: only in the model`,
        detail: `${op.method} ${op.uri} is on a resource the spec covers but is not in the spec`,
      });
  }
  for (const code of Object.keys(spec.errorShapes)) {
    const a = spec.errorShapes[code]!;
    const b = model.errorShapes[code];
    if (!b) continue; // reported per operation above
    if (a.status !== b.status) out.push({ id: `error shape ${code}: status`, detail: `spec ${a.status}, model ${b.status}` });
    diffMembers(`error shape ${code}`, a.members, b.members, out);
  }
  return out.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}
