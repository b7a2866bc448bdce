import { ValidationError } from "./errors.js";
import type { BuiltParams, Constraint, OperationDef, ParamDef, ParamLocation } from "./types.js";

const patternCache = new Map<string, RegExp>();
function regex(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (!re) {
    re = new RegExp(pattern, "u");
    patternCache.set(pattern, re);
  }
  return re;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CONTROL = /[\r\n\0]/;
const LONE_SURROGATE = /\p{Cs}/u;
/** fetch only accepts ByteString header values (code points <= U+00FF); anything else throws a TypeError deep inside it. */
const NOT_BYTESTRING = /[^\u0000-\u00ff]/;

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function typeMatches(actual: string, expected: string | readonly string[]): boolean {
  const list = typeof expected === "string" ? [expected] : expected;
  return list.some((t) => t === actual || (t === "number" && actual === "integer"));
}

/**
 * Check one value against its spec constraint. Returns the failed rule and a detail, or undefined.
 * Lengths count Unicode code points, as JSON Schema does.
 */
export function checkConstraint(value: unknown, c: Constraint | undefined): [rule: string, detail: string] | undefined {
  if (!c) return undefined;
  if (c.type !== undefined && !typeMatches(typeOf(value), c.type)) {
    return ["type", `expected ${Array.isArray(c.type) ? c.type.join(" | ") : String(c.type)}, got ${typeOf(value)}`];
  }
  if (typeof value === "number" && !Number.isFinite(value)) return ["type", "expected a finite number"];
  // An integer beyond 2^53 is silently rounded by JSON: a different id would be sent.
  if (
    typeof value === "number" &&
    typeMatches("integer", c.type ?? "number") &&
    c.type !== "number" &&
    !Number.isSafeInteger(value) &&
    Number.isInteger(value)
  ) {
    return ["type", "integer is beyond Number.MAX_SAFE_INTEGER and would not be sent exactly"];
  }
  if (c.enum && !c.enum.includes(value)) {
    return ["enum", `must be one of ${c.enum.map((v) => JSON.stringify(v)).join(", ")}`];
  }
  if (typeof value === "string") {
    // Code points, as JSON Schema counts (only when a length rule exists: spreading a string costs).
    const length = c.minLength === undefined && c.maxLength === undefined ? 0 : [...value].length;
    if (c.minLength !== undefined && length < c.minLength)
      return ["minLength", `must be at least ${c.minLength} characters, got ${length}`];
    if (c.maxLength !== undefined && length > c.maxLength) return ["maxLength", `must be at most ${c.maxLength} characters, got ${length}`];
    if (c.pattern !== undefined && !regex(c.pattern).test(value)) return ["pattern", `must match ${c.pattern}`];
    if (c.format === "uuid" && !UUID.test(value)) return ["format", "must be a UUID"];
  }
  if (typeof value === "number") {
    if (c.minimum !== undefined && value < c.minimum) return ["minimum", `must be >= ${c.minimum}`];
    if (c.maximum !== undefined && value > c.maximum) return ["maximum", `must be <= ${c.maximum}`];
  }
  return undefined;
}

export type { BuiltParams };

/** Where each alternative key goes for this call (caller choice, else the spec's default). */
export type LocationChoice = Readonly<Record<string, ParamLocation>>;

/**
 * Validate an operation's flat input against the generated constraint data, and split it into
 * path / query / header / body. Throws ValidationError naming the parameter and rule; nothing is sent.
 */
export function buildParams(
  op: OperationDef,
  input: Readonly<Record<string, unknown>>,
  defaults: Readonly<Record<string, unknown>>,
  locations: LocationChoice | undefined,
): BuiltParams {
  const out: BuiltParams = { path: {}, query: undefined, header: undefined, body: undefined };
  const alternatives = op.alternatives;
  const fail = (p: { key: string; name: string }, rule: string, detail: string): never => {
    throw new ValidationError(op.operationId, p.name && p.key !== p.name ? `${p.key} (${p.name})` : p.key, rule, detail);
  };

  if (alternatives) {
    for (const alt of alternatives) {
      const choice = locations?.[alt.key];
      if (choice !== undefined && !alt.locations.includes(choice)) {
        fail({ key: alt.key, name: alt.key }, "location", `can be sent in ${alt.locations.join(" or ")}, not ${String(choice)}`);
      }
      const value = input[alt.key] ?? defaults[alt.key];
      if (value === undefined || value === null) {
        fail({ key: alt.key, name: alt.key }, "required", `is required in at least one of: ${alt.locations.join(", ")}`);
      }
    }
  }

  for (const p of op.params) {
    const alt = alternatives?.find((a) => a.key === p.key);
    if (alt && (locations?.[alt.key] ?? alt.default) !== p.in) continue;
    let value = input[p.key];
    if (value === undefined) value = defaults[p.key];
    if (value === null && p.in === "body" && nullable(p.schema)) {
      // A body member the schema lets be null is sent as null (e.g. to clear it in a full update).
      place(p, value, out, fail);
      continue;
    }
    if (value === undefined || value === null) {
      if (p.required || (alt && p.in !== "body")) fail(p, "required", "is required");
      continue;
    }
    const problem = checkConstraint(value, p.schema);
    if (problem) fail(p, problem[0], problem[1]);
    place(p, value, out, fail);
  }
  for (const key of Object.keys(input)) {
    if (input[key] !== undefined && !op.params.some((p) => p.key === key)) {
      throw new ValidationError(op.operationId, key, "unknown", `is not a parameter of ${op.operationId}`);
    }
  }
  if (op.body?.required && out.body === undefined) out.body = {};
  return out;
}

function nullable(schema: Constraint | undefined): boolean {
  const type = schema?.type;
  return type === "null" || (Array.isArray(type) && type.includes("null"));
}

function place(p: ParamDef, value: unknown, out: BuiltParams, fail: (p: ParamDef, rule: string, detail: string) => never): void {
  if (p.in === "body") {
    // name "": the whole body (a string, array, union, …); else one property of an object body.
    out.body = p.name ? { ...(out.body as object), [p.name]: value } : value;
    return;
  }
  const text = String(value); // a query array: its items joined with commas
  if (p.in === "header") {
    const problem = headerProblem(text);
    if (problem) fail(p, problem[0], problem[1]);
    (out.header ??= {})[p.name] = text;
    return;
  }
  if (LONE_SURROGATE.test(text)) fail(p, "encoding", "contains an unpaired UTF-16 surrogate, which cannot be percent-encoded");
  if (p.in === "query") {
    (out.query ??= {})[p.name] = value;
    return;
  }
  if (text === "") fail(p, "minLength", "a path parameter cannot be empty");
  // WHATWG URL parsing resolves "." and ".." segments (even percent-encoded): they would change the path.
  if (text === "." || text === "..") fail(p, "path-traversal", "a path parameter cannot be '.' or '..'");
  out.path[p.name] = text;
}

/** Why a header value cannot be sent (fetch takes only ByteStrings, and CR/LF/NUL would be header injection). */
export function headerProblem(value: string, what = "header values"): [rule: string, detail: string] | undefined {
  if (CONTROL.test(value)) return ["header-injection", `${what} cannot contain CR, LF or NUL`];
  if (NOT_BYTESTRING.test(value)) return ["header-value", `${what} must be Latin-1 (percent-encode other characters)`];
  return undefined;
}

/** Header values from options (client and call headers, credentials): checked once, where they enter. */
export function assertHeaderValue(operationId: string, name: string, value: string, what?: string): void {
  const problem = headerProblem(value, what);
  if (problem) throw new ValidationError(operationId, name, problem[0], problem[1]);
}
