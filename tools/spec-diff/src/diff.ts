/**
 * Classify every change between two bundled OpenAPI 3.1 documents as breaking (major), minor or patch, with one
 * reason line each. The policy (CONTRIBUTING.md > Releases and versioning):
 *
 * - major: removed/renamed operation, parameter, response property, response status or enum value; a parameter or
 *   request property that became required or was added as required; a narrowed constraint on input (pattern,
 *   length, range, format, enum); a changed type; a removed server or content type (request or response: the
 *   client sends or reads another kind); changed security; a changed effective parameter serialization (style,
 *   explode with the location's defaults) or request body `encoding` (form style/explode, multipart part type).
 * - minor: added operation, optional parameter, optional request property (an optional form field or multipart
 *   part), response property, enum value, response status, content type or server; a widened constraint on input; a changed constraint on output; a deprecation.
 * - patch: descriptions, summaries, examples, external docs, titles, `x-` annotations.
 * - `x-pagination`: see `pagination()` (added: minor; removed or its shape changed: major; a stop condition: minor).
 */
import { pascalId } from "@subscription-apis/codegen";
import type { Doc } from "./bundle.js";
import { deref } from "@subscription-apis/test-kit/workspace";

export type Level = "major" | "minor" | "patch";
export const RANK: Record<Level | "none", number> = { none: 0, patch: 1, minor: 2, major: 3 };

export interface Change {
  level: Level;
  /** `cancelMembership` / `servers` / `components` */
  where: string;
  message: string;
}

export function requiredBump(changes: Change[]): Level | "none" {
  return changes.reduce<Level | "none">((acc, c) => (RANK[c.level] > RANK[acc] ? c.level : acc), "none");
}

type Dir = "request" | "response";
const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];
/** Vendor extensions classified elsewhere (x-environment: servers; x-error-codes: responses). */
const STRUCTURAL_X = new Set([
  "x-environment",
  "x-error-codes",
  "x-pagination",
  // the generated factory (see security()): its name, option names, what it sends
  "x-client-name",
  "x-client-option",
  "x-auth-prefix",
  "x-client-parameter",
  "x-aws-sigv4",
]);
/** `x-pagination` fields that shape the generated paginator (its input, its item type): changing one is major. */
const PAGINATION_SHAPE = new Set(["kind", "items", "inputToken", "outputToken", "page", "firstPage", "offset"]);
/**
 * Vendor extensions the generated client acts on (retries, where inputs go, a token it fills in): changing them is
 * minor (the types stay; what is sent or retried changes).
 */
const BEHAVIOURAL_X = new Set(["x-idempotent", "x-one-of-locations", "x-idempotency-token"]);
const DOC_KEYS = new Set([
  "description",
  "summary",
  "title",
  "example",
  "examples",
  "externalDocs",
  "$comment",
  "contact",
  "license",
  "termsOfService",
]);

/** A parameter's effective OpenAPI serialization (`style`, `explode` with the location's defaults). */
function serialization(p: any): string {
  const style = p.style ?? (p.in === "query" || p.in === "cookie" ? "form" : "simple");
  return `style ${style}, explode ${p.explode ?? style === "form"}${p.allowReserved ? ", allowReserved" : ""}`;
}

/** One property's effective encoding in a request body (defaults per OpenAPI: form, exploded; no part content type). */
function partEncoding(type: string, e: any): string {
  if (type === "multipart/form-data")
    return `contentType ${e?.contentType ?? "default"}${e?.headers ? `, headers ${Object.keys(e.headers).join("/")}` : ""}`;
  const style = e?.style ?? "form";
  return `style ${style}, explode ${e?.explode ?? style === "form"}${e?.allowReserved ? ", allowReserved" : ""}`;
}

class Differ {
  readonly changes: Change[] = [];
  private seen = new Set<string>();
  constructor(
    private readonly a: Doc,
    private readonly b: Doc,
    /** The API id (its default factory name); unknown when two files are compared. */
    private readonly id?: string,
    /** The base already generated its client factory from the spec (false: it was hand-written). */
    private readonly factoryBefore = true,
  ) {}

  add(level: Level, where: string, message: string) {
    this.changes.push({ level, where, message });
  }

  /**
   * A change of the generated factory (its name, option names, client-level parameters, what it sends). When the
   * factory was hand-written at the base (no generated client.ts), the annotations only describe it: a patch.
   */
  factory(level: Level, message: string) {
    if (this.factoryBefore) this.add(level, "security", message);
    else this.add("patch", "security", `${message} (the factory was hand-written before: the generated one keeps its names)`);
  }

  /** Follow local $refs (bundled documents only have local ones). */
  deref(doc: Doc, node: any): any {
    return deref(doc, node);
  }

  run() {
    this.servers();
    this.security();
    this.operations();
    this.docs(this.a, this.b, "");
  }

  // ---- servers -------------------------------------------------------------------------------------------------
  servers() {
    const key = (s: any) => String(s?.["x-environment"] ?? s?.url);
    const A = new Map<string, any>((this.a.servers ?? []).map((s: any) => [key(s), s]));
    const B = new Map<string, any>((this.b.servers ?? []).map((s: any) => [key(s), s]));
    for (const [k, s] of A) {
      const n = B.get(k);
      if (!n) this.add("major", "servers", `removed server ${k} (${s.url})`);
      else if (n.url !== s.url) this.add("minor", "servers", `changed URL of server ${k}: ${s.url} -> ${n.url}`);
    }
    for (const [k, s] of B) if (!A.has(k)) this.add("minor", "servers", `added server ${k} (${s.url})`);
  }

  // ---- security: the generated factory's options ------------------------------------------------------------------
  /**
   * By the effect on the generated factory: a removed alternative or a changed scheme (type, where the credential
   * goes, its prefix, its option name) breaks callers (major); an added alternative is a new way to authenticate
   * (minor); a new token URL or signing name changes only what the client does (minor).
   */
  security() {
    const factory = (d: Doc) => d["x-client-name"] ?? (this.id ? pascalId(this.id) : "(from the id)");
    if (factory(this.a) !== factory(this.b))
      this.factory("major", `renamed the client factory (x-client-name ${factory(this.a)} -> ${factory(this.b)})`);
    this.requirements("security", this.a.security, this.b.security);
    const A = this.a.components?.securitySchemes ?? {};
    const B = this.b.components?.securitySchemes ?? {};
    const shape = (s: any) =>
      [
        s?.type,
        s?.scheme?.toLowerCase(),
        s?.in,
        s?.in ? s?.name : undefined,
        s?.["x-aws-sigv4"] ? "sigv4" : undefined,
        Object.keys(s?.flows ?? {}).join("+"),
      ]
        .filter(Boolean)
        .join(" ");
    const DEFAULT_OPTION: Record<string, string> = { http: "token", apiKey: "apiKey", oauth2: "clientCredentials" };
    const option = (s: any) =>
      (typeof s?.["x-client-option"] === "string" ? s["x-client-option"] : s?.["x-client-option"]?.name) ??
      (s?.scheme?.toLowerCase() === "basic" ? "username" : DEFAULT_OPTION[s?.type]);
    for (const name of Object.keys(A)) {
      if (!(name in B)) continue;
      const a = this.deref(this.a, A[name]);
      const b = this.deref(this.b, B[name]);
      const at = `security scheme ${name}`;
      if (shape(a) !== shape(b)) this.add("major", "security", `changed ${at}: ${shape(a)} -> ${shape(b)}`);
      if (option(a) !== option(b)) this.factory("major", `renamed the client option of ${at}: ${option(a)} -> ${option(b)}`);
      else if (JSON.stringify(a?.["x-client-option"]) !== JSON.stringify(b?.["x-client-option"]))
        this.add("patch", "docs", `changed the description of the client option of ${at}`);
      if ((a?.["x-auth-prefix"] ?? "") !== (b?.["x-auth-prefix"] ?? ""))
        this.factory(
          "major",
          `changed x-auth-prefix of ${at}: ${JSON.stringify(a?.["x-auth-prefix"] ?? "")} -> ${JSON.stringify(b?.["x-auth-prefix"] ?? "")}`,
        );
      if (a?.["x-aws-sigv4"]?.signingName !== b?.["x-aws-sigv4"]?.signingName && shape(a) === shape(b))
        this.add(
          "minor",
          "security",
          `changed the SigV4 signing name of ${at}: ${a?.["x-aws-sigv4"]?.signingName} -> ${b?.["x-aws-sigv4"]?.signingName}`,
        );
      const url = (s: any) => s?.flows?.clientCredentials?.tokenUrl;
      if (url(a) !== url(b) && shape(a) === shape(b))
        this.add("minor", "security", `changed the token URL of ${at}: ${url(a)} -> ${url(b)}`);
    }
    // Client-level parameters (x-client-parameter): an option the factory takes, or a value it fills in.
    const clientParams = (doc: Doc) => {
      const out = new Map<string, any>();
      for (const raw of Object.values<any>(doc.components?.parameters ?? {})) {
        const p = this.deref(doc, raw);
        if (p?.["x-client-parameter"]) out.set(`${p.in} ${p.name}`, p["x-client-parameter"]);
      }
      return out;
    };
    const PA = clientParams(this.a);
    const PB = clientParams(this.b);
    for (const [k, a] of PA) {
      const b = PB.get(k);
      if (!b)
        this.factory(
          "major",
          `${k} is no longer a client-level parameter (x-client-parameter${a.option ? `: option ${a.option} removed` : ""})`,
        );
      else if (a.option !== b.option || (!a.required && b.required))
        this.factory(
          "major",
          `changed the client option of ${k}: ${a.option ?? "(none)"}${a.required ? " (required)" : ""} -> ${b.option ?? "(none)"}${b.required ? " (required)" : ""}`,
        );
      else if (JSON.stringify(a) !== JSON.stringify(b))
        this.factory(a.default !== b.default ? "minor" : "patch", `changed x-client-parameter of ${k}`);
    }
    for (const [k, b] of PB)
      if (!PA.has(k))
        this.factory(
          b.required ? "major" : "minor",
          `${k} became a client-level parameter${b.option ? ` (option ${b.option}${b.required ? ", required" : ""})` : ""}`,
        );
  }

  /** Security requirement objects, compared as a set of alternatives (each: scheme names and scopes). */
  requirements(where: string, a: any[] | undefined, b: any[] | undefined) {
    const key = (r: any) =>
      Object.keys(r ?? {})
        .sort()
        .map((k) => `${k}${(r[k] ?? []).length ? ` [${[...r[k]].sort().join(" ")}]` : ""}`)
        .join(" AND ") || "(anonymous)";
    const A = new Set((a ?? []).map(key));
    const B = new Set((b ?? []).map(key));
    for (const k of A)
      if (!B.has(k)) this.add("major", where, `removed security alternative ${k}: clients using it can no longer authenticate`);
    for (const k of B)
      if (!A.has(k))
        this.add(A.size ? "minor" : "major", where, `added security alternative ${k}${A.size ? ": a new way to authenticate" : ""}`);
  }

  // ---- operations ----------------------------------------------------------------------------------------------
  ops(doc: Doc): Map<string, { key: string; path: string; method: string; item: any; op: any; id: string }> {
    const out = new Map();
    for (const [path, rawItem] of Object.entries<any>(doc.paths ?? {})) {
      const item = this.deref(doc, rawItem);
      for (const method of METHODS) {
        const op = item?.[method];
        if (!op) continue;
        const key = `${method.toUpperCase()} ${path.replace(/\{[^}]*\}/g, "{}")}`;
        out.set(key, {
          key,
          path,
          method: method.toUpperCase(),
          item,
          op,
          id: String(op.operationId ?? `${method.toUpperCase()} ${path}`),
        });
      }
    }
    return out;
  }

  operations() {
    const A = this.ops(this.a);
    const B = this.ops(this.b);
    for (const [k, o] of A) {
      const n = B.get(k);
      if (!n) {
        this.add("major", o.id, `removed operation ${o.id} (${o.method} ${o.path})`);
        continue;
      }
      if (o.id !== n.id) this.add("major", n.id, `renamed operation ${o.id} -> ${n.id} (${n.method} ${n.path})`);
      this.operation(o, n);
    }
    for (const [k, n] of B) if (!A.has(k)) this.add("minor", n.id, `added operation ${n.id} (${n.method} ${n.path})`);
  }

  /**
   * `x-pagination`: adding it adds a paginator (minor), removing it removes one (major); a field that shapes what
   * the paginator sends or yields (kind, input names, item path, first page) is major, a stop condition
   * (`hasMore`, `total`, `totalPages`, `pageSize`) minor.
   */
  pagination(where: string, a: any, b: any) {
    if (JSON.stringify(a) === JSON.stringify(b)) return;
    if (!a) return this.add("minor", where, `added pagination (x-pagination, kind ${b.kind}): a new paginator`);
    if (!b) return this.add("major", where, `removed pagination (x-pagination): its paginator is no longer generated`);
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (JSON.stringify(a[k]) === JSON.stringify(b[k])) continue;
      const text = `changed x-pagination ${k} of ${where}: ${JSON.stringify(a[k]) ?? "(none)"} -> ${JSON.stringify(b[k]) ?? "(none)"}`;
      this.add(PAGINATION_SHAPE.has(k) ? "major" : "minor", where, text);
    }
  }

  params(doc: Doc, item: any, op: any): Map<string, any> {
    const out = new Map<string, any>();
    for (const raw of [...(item.parameters ?? []), ...(op.parameters ?? [])]) {
      const p = this.deref(doc, raw);
      if (p?.name && p?.in) out.set(`${p.in}:${p.in === "header" ? String(p.name).toLowerCase() : p.name}`, p);
    }
    return out;
  }

  operation(o: any, n: any) {
    const where = n.id;
    if (!o.op.deprecated && n.op.deprecated) this.add("minor", where, `deprecated operation ${where}`);
    if (o.op.security !== undefined || n.op.security !== undefined)
      this.requirements(where, o.op.security ?? this.a.security, n.op.security ?? this.b.security);

    this.pagination(where, o.op["x-pagination"], n.op["x-pagination"]);

    // Parameters: path parameters pair up by position (a renamed template variable is a renamed parameter).
    const A = this.params(this.a, o.item, o.op);
    const B = this.params(this.b, n.item, n.op);
    const pathNames = (path: string) => [...path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]!);
    const oldPath = pathNames(o.path);
    const newPath = pathNames(n.path);
    oldPath.forEach((name, i) => {
      const renamed = newPath[i];
      if (renamed && renamed !== name && A.has(`path:${name}`) && B.has(`path:${renamed}`)) {
        this.add("major", where, `renamed parameter ${name} -> ${renamed} (path)`);
        this.param(where, A.get(`path:${name}`), B.get(`path:${renamed}`), renamed);
        A.delete(`path:${name}`);
        B.delete(`path:${renamed}`);
      }
    });
    const removed = [...A.keys()].filter((k) => !B.has(k));
    let added = [...B.keys()].filter((k) => !A.has(k));
    const loc = (k: string) => k.split(":")[0];
    for (const k of removed) {
      const p = A.get(k);
      // One parameter gone and one new in the same location: a rename.
      const sameLoc = added.filter((x) => loc(x) === p.in);
      const twin = sameLoc.length === 1 && removed.filter((r) => loc(r) === p.in).length === 1 ? sameLoc[0] : undefined;
      if (twin) {
        this.add("major", where, `renamed parameter ${p.name} -> ${B.get(twin).name} (${p.in})`);
        added = added.filter((x) => x !== twin);
      } else {
        this.add("major", where, `removed parameter ${p.name} (${p.in})`);
      }
    }
    for (const k of added) {
      const p = B.get(k);
      if (p.required) this.add("major", where, `added required parameter ${p.name} (${p.in})`);
      else this.add("minor", where, `added optional parameter ${p.name} (${p.in})`);
    }
    for (const [k, p] of A) if (B.has(k)) this.param(where, p, B.get(k), p.name);

    // Request body.
    const ob = this.deref(this.a, o.op.requestBody);
    const nb = this.deref(this.b, n.op.requestBody);
    if (ob && !nb) this.add("major", where, "removed the request body");
    else if (!ob && nb)
      this.add(nb.required ? "major" : "minor", where, `added ${nb.required ? "a required" : "an optional"} request body`);
    else if (ob && nb) {
      if (!ob.required && nb.required) this.add("major", where, "request body became required");
      if (ob.required && !nb.required) this.add("minor", where, "request body became optional");
      this.content(where, ob.content, nb.content, "request", "request body");
    }

    // Responses.
    const or = o.op.responses ?? {};
    const nr = n.op.responses ?? {};
    for (const status of Object.keys(or)) {
      if (!(status in nr)) {
        this.add("major", where, `removed response ${status}`);
        continue;
      }
      const a = this.deref(this.a, or[status]);
      const b = this.deref(this.b, nr[status]);
      this.headers(where, a.headers ?? {}, b.headers ?? {}, status);
      const ca = Object.keys(a["x-error-codes"] ?? {});
      const cb = Object.keys(b["x-error-codes"] ?? {});
      for (const c of ca) if (!cb.includes(c)) this.add("major", where, `removed error code ${c} (${status})`);
      for (const c of cb) if (!ca.includes(c)) this.add("minor", where, `added error code ${c} (${status})`);
      this.content(where, a.content, b.content, "response", `response ${status}`);
    }
    for (const status of Object.keys(nr)) if (!(status in or)) this.add("minor", where, `added response ${status}`);
  }

  param(where: string, a: any, b: any, name: string) {
    if (!a.required && b.required) this.add("major", where, `parameter ${name} became required`);
    if (a.required && !b.required) this.add("minor", where, `parameter ${name} became optional`);
    if (!a.deprecated && b.deprecated) this.add("minor", where, `deprecated parameter ${name}`);
    const [sa, sb] = [serialization(a), serialization(b)];
    if (sa !== sb) this.add("major", where, `changed serialization of parameter ${name} (${sa} -> ${sb}): the client sends it differently`);
    this.schema(where, a.schema, b.schema, "request", name, "parameter");
  }

  headers(where: string, a: Record<string, any>, b: Record<string, any>, status: string) {
    const lower = (h: Record<string, any>) => new Map(Object.entries(h).map(([k, v]) => [k.toLowerCase(), { name: k, h: v }]));
    const A = lower(a);
    const B = lower(b);
    for (const [k, { name, h }] of A) {
      const n = B.get(k);
      if (!n) this.add("major", where, `removed response header ${name} (${status})`);
      else
        this.schema(where, this.deref(this.a, h)?.schema, this.deref(this.b, n.h)?.schema, "response", name, `response header (${status})`);
    }
    for (const [k, { name }] of B) if (!A.has(k)) this.add("minor", where, `added response header ${name} (${status})`);
  }

  content(where: string, a: Record<string, any> | undefined, b: Record<string, any> | undefined, dir: Dir, label: string) {
    const A = a ?? {};
    const B = b ?? {};
    for (const type of Object.keys(A)) {
      if (!(type in B)) {
        this.add("major", where, `removed content type ${type} from the ${label}`);
        continue;
      }
      this.schema(where, A[type]?.schema, B[type]?.schema, dir, "", dir === "request" ? "request property" : "response property");
      if (dir === "request") this.encoding(where, type, A[type]?.encoding ?? {}, B[type]?.encoding ?? {});
    }
    for (const type of Object.keys(B)) if (!(type in A)) this.add("minor", where, `added content type ${type} to the ${label}`);
  }

  /** The `encoding` object of a form or multipart request body: any change of how a property is sent is major. */
  encoding(where: string, type: string, a: Record<string, any>, b: Record<string, any>) {
    for (const name of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const [ea, eb] = [partEncoding(type, a[name]), partEncoding(type, b[name])];
      if (ea !== eb)
        this.add("major", where, `changed encoding of request property ${name} (${type}: ${ea} -> ${eb}): the client sends it differently`);
    }
  }

  // ---- schemas -------------------------------------------------------------------------------------------------
  /** Flatten allOf members into one object view (properties + required), which is what a client's types see. */
  flat(doc: Doc, raw: any): any {
    const s = this.deref(doc, raw);
    if (!s || typeof s !== "object" || !Array.isArray(s.allOf)) return s;
    const out: any = { ...s, properties: { ...(s.properties ?? {}) }, required: [...(s.required ?? [])] };
    delete out.allOf;
    for (const m of s.allOf.map((x: any) => this.flat(doc, x))) {
      Object.assign(out.properties, m?.properties ?? {});
      out.required.push(...(m?.required ?? []));
      if (m?.type && !out.type) out.type = m.type;
    }
    return out;
  }

  types(s: any): Set<string> {
    const t = s?.type;
    const set = new Set<string>(Array.isArray(t) ? t : t ? [t] : []);
    if (set.has("integer") && set.has("number")) set.delete("integer");
    return set;
  }

  schema(where: string, rawA: any, rawB: any, dir: Dir, path: string, kind: string) {
    if (!rawA && !rawB) return;
    const guard = `${dir}|${path}|${rawA?.$ref ?? ""}|${rawB?.$ref ?? ""}`;
    if ((rawA?.$ref || rawB?.$ref) && this.seen.has(guard)) return;
    this.seen.add(guard);
    const a = this.flat(this.a, rawA);
    const b = this.flat(this.b, rawB);
    const name = path || (dir === "request" ? "the request body" : "the response body");
    const input = dir === "request";
    if (!a && b) return this.add(input ? "major" : "minor", where, `added a schema to ${kind} ${name}`);
    if (a && !b) return this.add(input ? "minor" : "major", where, `removed the schema of ${kind} ${name}`);

    // type
    const ta = this.types(a);
    const tb = this.types(b);
    const fmt = (t: Set<string>) => [...t].sort().join(" | ") || "any";
    if (fmt(ta) !== fmt(tb)) {
      const widened = [...ta].every((t) => tb.has(t) || (t === "integer" && tb.has("number"))) && ta.size > 0;
      const narrowed = [...tb].every((t) => ta.has(t) || (t === "integer" && ta.has("number"))) && tb.size > 0;
      const level: Level = widened ? (input ? "minor" : "major") : narrowed ? (input ? "major" : "minor") : "major";
      const verb = widened ? "widened" : narrowed ? "narrowed" : "changed";
      this.add(level, where, `${verb} type of ${kind} ${name}: ${fmt(ta)} -> ${fmt(tb)}`);
    }

    // enum / const
    const ea = a.enum ?? (a.const !== undefined ? [a.const] : undefined);
    const eb = b.enum ?? (b.const !== undefined ? [b.const] : undefined);
    if (ea || eb) {
      const sa = new Set((ea ?? []).map((v: unknown) => JSON.stringify(v)));
      const sb = new Set((eb ?? []).map((v: unknown) => JSON.stringify(v)));
      if (!ea && eb) this.add(input ? "major" : "minor", where, `narrowed ${kind} ${name} to the enum ${[...sb].join(", ")}`);
      else if (ea && !eb) this.add(input ? "minor" : "major", where, `removed the enum of ${kind} ${name} (any value now)`);
      else {
        for (const v of sa) if (!sb.has(v)) this.add("major", where, `removed enum value ${v} of ${kind} ${name}`);
        for (const v of sb) if (!sa.has(v)) this.add("minor", where, `added enum value ${v} to ${kind} ${name}`);
      }
    }

    // constraints: an input constraint that admits fewer values is breaking; more values is minor.
    // An output constraint change is minor either way (clients see values they may not have seen before, or fewer).
    const constraint = (key: string, a1: unknown, b1: unknown, narrowedIf: (x: any, y: any) => boolean) => {
      if (a1 === b1 || JSON.stringify(a1) === JSON.stringify(b1)) return;
      const narrowed = a1 === undefined ? true : b1 === undefined ? false : narrowedIf(a1, b1);
      const text = `${a1 === undefined ? "added" : b1 === undefined ? "removed" : narrowed ? "narrowed" : "widened"} ${key} of ${kind} ${name}${a1 !== undefined && b1 !== undefined ? ` (${JSON.stringify(a1)} -> ${JSON.stringify(b1)})` : b1 !== undefined ? ` (${JSON.stringify(b1)})` : ""}`;
      if (input) this.add(narrowed ? "major" : "minor", where, text);
      else this.add("minor", where, text);
    };
    const lower = (x: number, y: number) => y > x; // min*: raising it narrows
    const upper = (x: number, y: number) => y < x; // max*: lowering it narrows
    constraint("pattern", a.pattern, b.pattern, () => true);
    constraint("format", a.format, b.format, () => true);
    constraint("minLength", a.minLength, b.minLength, lower);
    constraint("maxLength", a.maxLength, b.maxLength, upper);
    constraint("minimum", a.minimum, b.minimum, lower);
    constraint("maximum", a.maximum, b.maximum, upper);
    constraint("exclusiveMinimum", a.exclusiveMinimum, b.exclusiveMinimum, lower);
    constraint("exclusiveMaximum", a.exclusiveMaximum, b.exclusiveMaximum, upper);
    constraint("minItems", a.minItems, b.minItems, lower);
    constraint("maxItems", a.maxItems, b.maxItems, upper);
    constraint("uniqueItems", a.uniqueItems || undefined, b.uniqueItems || undefined, () => true);
    constraint("multipleOf", a.multipleOf, b.multipleOf, () => true);
    if (!a.deprecated && b.deprecated) this.add("minor", where, `deprecated ${kind} ${name}`);

    // objects
    const pa = a.properties ?? {};
    const pb = b.properties ?? {};
    const ra = new Set<string>(a.required ?? []);
    const rb = new Set<string>(b.required ?? []);
    const child = (p: string) => (path ? `${path}.${p}` : p);
    const childKind = input ? "request property" : "response property";
    for (const p of Object.keys(pa)) {
      if (!(p in pb)) {
        this.add("major", where, `removed ${childKind} ${child(p)}`);
        continue;
      }
      if (input && !ra.has(p) && rb.has(p)) this.add("major", where, `${childKind} ${child(p)} became required`);
      if (input && ra.has(p) && !rb.has(p)) this.add("minor", where, `${childKind} ${child(p)} became optional`);
      if (!input && ra.has(p) && !rb.has(p)) this.add("major", where, `${childKind} ${child(p)} became optional (may be absent)`);
      if (!input && !ra.has(p) && rb.has(p)) this.add("minor", where, `${childKind} ${child(p)} became required (always present)`);
      this.schema(where, pa[p], pb[p], dir, child(p), childKind);
    }
    for (const p of Object.keys(pb)) {
      if (p in pa) continue;
      if (input && rb.has(p)) this.add("major", where, `added required ${childKind} ${child(p)}`);
      else this.add("minor", where, `added ${input ? "optional " : ""}${childKind} ${child(p)}`);
    }
    const apA = a.additionalProperties;
    const apB = b.additionalProperties;
    if (apA !== apB && (typeof apA === "boolean" || typeof apB === "boolean" || apA === undefined || apB === undefined)) {
      const closed = apB === false && apA !== false;
      const opened = apA === false && apB !== false;
      if (closed) this.add(input ? "major" : "minor", where, `${kind} ${name} no longer accepts additional properties`);
      if (opened) this.add(input ? "minor" : "major", where, `${kind} ${name} now allows additional properties`);
    } else if (apA && apB && typeof apA === "object" && typeof apB === "object") {
      this.schema(where, apA, apB, dir, `${path}{*}`, kind);
    }

    // arrays
    if (a.items || b.items) this.schema(where, a.items, b.items, dir, `${path}[]`, input ? "request items" : "response items");

    // alternatives: pair by position.
    for (const key of ["oneOf", "anyOf"] as const) {
      const la: any[] = a[key] ?? [];
      const lb: any[] = b[key] ?? [];
      if (!la.length && !lb.length) continue;
      for (let i = 0; i < Math.max(la.length, lb.length); i++) {
        if (i >= lb.length) this.add(input ? "major" : "minor", where, `removed ${key} alternative #${i + 1} of ${kind} ${name}`);
        else if (i >= la.length) this.add(input ? "minor" : "major", where, `added ${key} alternative #${i + 1} to ${kind} ${name}`);
        else this.schema(where, la[i], lb[i], dir, `${path}<${key}#${i + 1}>`, kind);
      }
    }
    if (JSON.stringify(a.not ?? null) !== JSON.stringify(b.not ?? null))
      this.add("major", where, `changed the "not" constraint of ${kind} ${name}`);
  }

  // ---- documentation: every changed doc field anywhere is a patch ------------------------------------------------
  docs(a: any, b: any, pointer: string) {
    if (JSON.stringify(a) === JSON.stringify(b)) return;
    if (!a || !b || typeof a !== "object" || typeof b !== "object" || Array.isArray(a) !== Array.isArray(b)) return;
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const here = `${pointer}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`;
      if (JSON.stringify(a[k]) === JSON.stringify(b[k])) continue;
      const verb = a[k] === undefined ? "added" : b[k] === undefined ? "removed" : "changed";
      const at = showPointer(pointer);
      if (DOC_KEYS.has(k)) {
        if (here !== "/info/version") this.add("patch", "docs", `${verb} ${k} at ${at}`); // info.version follows the package version
      } else if (k.startsWith("x-")) {
        if (STRUCTURAL_X.has(k)) continue;
        this.add(BEHAVIOURAL_X.has(k) ? "minor" : "patch", "docs", `${verb} annotation ${k} at ${at}`);
      } else if (a[k] !== undefined && b[k] !== undefined) {
        this.docs(a[k], b[k], here); // added/removed subtrees are classified structurally
      }
    }
  }
}

/** `/paths/~1members~1{id}/post/description` -> `paths["/members/{id}"].post` (for reason lines). */
function showPointer(pointer: string): string {
  const parts = pointer
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (!parts.length) return "(root)";
  return parts.map((p, i) => (/^[A-Za-z_$][\w$-]*$/.test(p) ? `${i ? "." : ""}${p}` : `[${JSON.stringify(p)}]`)).join("");
}

/** Every change from `oldDoc` to `newDoc`, classified; sorted major first. */
export function diffSpecs(oldDoc: Doc, newDoc: Doc, id?: string, factoryBefore = true): Change[] {
  const d = new Differ(oldDoc, newDoc, id, factoryBefore);
  d.run();
  const unique = new Map(d.changes.map((c) => [`${c.level}|${c.where}|${c.message}`, c]));
  return [...unique.values()].sort((x, y) => RANK[y.level] - RANK[x.level]);
}

export function formatChanges(changes: Change[]): string {
  return changes.map((c) => `  ${c.level.padEnd(5)}  ${c.where}: ${c.message}`).join("\n");
}
