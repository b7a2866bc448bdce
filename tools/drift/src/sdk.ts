/**
 * Reads the model an official AWS SDK v3 client package ships (no Smithy model file is involved):
 * - `dist-cjs/schemas/schemas_0.js`: the static schemas (operations with their `http` trait: method, URI, status;
 *   structures with members, member traits httpLabel/httpQuery/httpHeader/idempotencyToken, the number of
 *   required members; error structures with `error` and `httpError`);
 * - `dist-types/commands/<Op>Command.d.ts`: the `@throws` list of each operation (the schemas do not list errors);
 * - `dist-types/models/*.d.ts` + the package's exported enum objects: which member is which enum, and its values.
 * Not in the package, so not checked: lengths, patterns, numeric ranges, documentation, examples.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Kind, Member, Model, Operation } from "./model.js";

const require = createRequire(import.meta.url);

type Schema = unknown[];
type Ref = number | (() => unknown) | Schema;

const SIMPLE: Record<number, Kind> = {
  0: "string",
  1: "number",
  2: "boolean",
  4: "timestamp",
  5: "timestamp",
  6: "timestamp",
  7: "timestamp",
  15: "document",
  17: "number",
  19: "number",
  21: "blob",
  42: "blob",
};

interface Ctx {
  /** Structure name -> member name -> enum values (from the .d.ts interfaces). */
  enums: Record<string, Record<string, string[]>>;
}

function deref(ref: Ref): { schema: Ref; traits: Record<string, unknown> | number } {
  if (Array.isArray(ref) && ref.length === 2) return { schema: ref[0] as Ref, traits: ref[1] as Record<string, unknown> | number };
  return { schema: ref, traits: 0 };
}

const TRAIT_BITS = ["httpLabel", "idempotent", "idempotencyToken", "sensitive", "httpPayload", "httpResponseCode", "httpQueryParams"];
function traitsOf(t: Record<string, unknown> | number): Record<string, unknown> {
  if (typeof t === "object") return t;
  const out: Record<string, unknown> = {};
  TRAIT_BITS.forEach((name, i) => {
    if (((t >> i) & 1) === 1) out[name] = 1;
  });
  return out;
}

function member(ref: Ref, required: boolean, ctx: Ctx, seen: Set<string>, enumValues?: string[]): Member {
  let s: unknown = ref;
  if (typeof s === "function") s = (s as () => unknown)();
  if (typeof s === "number") {
    if (s & 64) return { kind: "list", required, ...nested(s & ~64, ctx, seen) };
    if (s & 128) return { kind: "map", required, ...nested(s & ~128, ctx, seen) };
    const kind = SIMPLE[s];
    if (!kind) throw new Error(`unknown simple schema ${s}`);
    return enumValues ? { kind, required, enum: enumValues } : { kind, required };
  }
  const schema = s as Schema;
  const type = schema[0] as number;
  if (type === 1 || type === 2) {
    const inner = member(deref(schema[type === 1 ? 4 : 5] as Ref).schema, false, ctx, seen);
    return { kind: type === 1 ? "list" : "map", required, ...(inner.members ? { members: inner.members } : {}) };
  }
  if (type === 3 || type === 4 || type === -3) {
    const name = schema[2] as string;
    if (seen.has(name)) return { kind: "structure", required };
    return { kind: "structure", required, members: structMembers(schema, ctx, new Set([...seen, name])) };
  }
  if (type === 0) return { kind: SIMPLE[schema[4] as number] ?? "string", required, ...(enumValues ? { enum: enumValues } : {}) };
  throw new Error(`unknown schema ${JSON.stringify(schema.slice(0, 3))}`);
}

function nested(simple: number, ctx: Ctx, seen: Set<string>): Pick<Member, "members"> {
  const inner = member(simple, false, ctx, seen);
  return inner.members ? { members: inner.members } : {};
}

function structMembers(schema: Schema, ctx: Ctx, seen: Set<string>): Record<string, Member> {
  const name = schema[2] as string;
  const names = schema[4] as string[];
  const refs = schema[5] as Ref[];
  const requiredCount = schema[0] === 4 ? 0 : ((schema[6] as number | undefined) ?? 0);
  const out: Record<string, Member> = {};
  names.forEach((n, i) => {
    out[n] = member(deref(refs[i]!).schema, i < requiredCount, ctx, seen, ctx.enums[name]?.[n]);
  });
  return out;
}

/** Input/output members keyed by location. */
function located(ref: unknown, ctx: Ctx): { members: Record<string, Member>; tokens: string[] } {
  const schema = (typeof ref === "function" ? (ref as () => unknown)() : ref) as Schema;
  if (!Array.isArray(schema) || (schema[0] !== 3 && schema[0] !== -3)) return { members: {}, tokens: [] }; // Unit input/output
  const name = schema[2] as string;
  const names = schema[4] as string[];
  const refs = schema[5] as Ref[];
  const requiredCount = (schema[6] as number | undefined) ?? 0;
  const members: Record<string, Member> = {};
  const tokens: string[] = [];
  names.forEach((n, i) => {
    const { schema: s, traits } = deref(refs[i]!);
    const t = traitsOf(traits);
    const m = member(s, i < requiredCount, ctx, new Set([name]), ctx.enums[name]?.[n]);
    if (t.idempotencyToken) tokens.push(n);
    const key = t.httpLabel
      ? `label:${n}`
      : t.httpQuery
        ? `query:${String(t.httpQuery)}`
        : t.httpHeader
          ? `header:${String(t.httpHeader).toLowerCase()}`
          : t.httpQueryParams
            ? `query:*`
            : `body:${n}`;
    members[key] = m;
  });
  return { members, tokens };
}

/** `export interface X { a?: EnumName | undefined; }` -> X.a = values of the exported enum object EnumName. */
function enumsFromTypes(dir: string, exported: Record<string, unknown>): Ctx["enums"] {
  const out: Ctx["enums"] = {};
  const modelsDir = join(dir, "dist-types", "models");
  for (const f of readdirSync(modelsDir).filter((x) => x.endsWith(".d.ts"))) {
    const text = readFileSync(join(modelsDir, f), "utf8");
    // Structures are interfaces; error structures are classes (models/errors.d.ts).
    for (const m of text.matchAll(/export (?:interface|declare class) (\w+)(?: extends [^{]+)? \{([\s\S]*?)\n\}/g)) {
      for (const mm of m[2]!.matchAll(/^\s+(\w+)\??: (\w+) \| undefined;/gm)) {
        const e = exported[mm[2]!];
        if (e && typeof e === "object" && Object.values(e).every((v) => typeof v === "string")) {
          (out[m[1]!] ??= {})[mm[1]!] = Object.values(e as Record<string, string>);
        }
      }
    }
  }
  return out;
}

/** The model of an installed `@aws-sdk/client-*` package. */
export function loadSdkModel(pkg: string): Model & { version: string; idempotencyTokens: Record<string, string[]> } {
  const dir = dirname(require.resolve(`${pkg}/package.json`));
  const version = (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string }).version;
  const exported = require(pkg) as Record<string, unknown>;
  const schemas = require(join(dir, "dist-cjs", "schemas", "schemas_0.js")) as Record<string, unknown>;
  const ctx: Ctx = { enums: enumsFromTypes(dir, exported) };
  const errorShapes: Model["errorShapes"] = {};
  const operations: Record<string, Operation> = {};
  const idempotencyTokens: Record<string, string[]> = {};
  for (const value of Object.values(schemas)) {
    if (!Array.isArray(value)) continue;
    if (value[0] === -3 && (value[4] as string[]).length >= 0) {
      const traits = value[3] as Record<string, unknown>;
      if (traits.httpError === undefined) continue; // the service's base exception
      errorShapes[value[2] as string] = { status: traits.httpError as number, members: located(value, ctx).members };
    }
  }
  for (const value of Object.values(schemas)) {
    if (!Array.isArray(value) || value[0] !== 9) continue;
    const name = value[2] as string;
    const http = (value[3] as Record<string, unknown>).http as [string, string, number];
    const input = located(value[4], ctx);
    const output = located(value[5], ctx);
    const doc = readFileSync(join(dir, "dist-types", "commands", `${name}Command.d.ts`), "utf8");
    const errors: Record<string, number> = {};
    for (const m of doc.matchAll(/@throws \{@link (\w+)\}/g)) {
      const shape = errorShapes[m[1]!];
      if (shape) errors[m[1]!] = shape.status;
    }
    operations[name] = {
      method: http[0].toLowerCase(),
      uri: http[1],
      status: http[2],
      input: input.members,
      output: output.members,
      errors,
    };
    idempotencyTokens[name] = input.tokens;
  }
  return { version, operations, errorShapes, idempotencyTokens };
}
