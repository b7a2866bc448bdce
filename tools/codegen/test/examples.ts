/** Collect every example of a bundled OpenAPI 3.1 document with the schema it must satisfy, and check them with Ajv. */
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

type Json = Record<string, any>;

export interface ExampleCase {
  /** Where the example is, e.g. `#/paths/~1v1~1x/put/responses/200/content/application~1json/example`. */
  where: string;
  /** JSON pointer (in the bundled doc) of the schema it must satisfy. */
  schemaPointer: string;
  value: unknown;
}

const esc = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");

function resolve(doc: Json, node: any, pointer: string): [any, string] {
  let cur = node;
  let ptr = pointer;
  for (let i = 0; i < 20 && cur && typeof cur === "object" && typeof cur.$ref === "string"; i++) {
    ptr = cur.$ref;
    cur = ptr
      .slice(2)
      .split("/")
      .reduce((o: any, p: string) => o?.[p.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
  }
  return [cur, ptr];
}

function fromMedia(doc: Json, media: any, ptr: string, out: ExampleCase[]) {
  if (!media?.schema) return;
  const schemaPointer = `${ptr}/schema`;
  if (media.example !== undefined) out.push({ where: `${ptr}/example`, schemaPointer, value: media.example });
  for (const [k, ex] of Object.entries<any>(media.examples ?? {})) {
    const [resolved] = resolve(doc, ex, `${ptr}/examples/${esc(k)}`);
    if (resolved?.value !== undefined) out.push({ where: `${ptr}/examples/${esc(k)}`, schemaPointer, value: resolved.value });
  }
}

/** Walk schemas: every `example` / `examples[]` inside a schema is checked against that (sub)schema. */
function fromSchema(doc: Json, schema: any, ptr: string, out: ExampleCase[], seen: Set<string>) {
  if (!schema || typeof schema !== "object" || seen.has(ptr)) return;
  seen.add(ptr);
  if (typeof schema.$ref === "string") return; // checked where it is defined
  if (schema.example !== undefined) out.push({ where: `${ptr}/example`, schemaPointer: ptr, value: schema.example });
  if (Array.isArray(schema.examples))
    schema.examples.forEach((v: unknown, i: number) => {
      out.push({ where: `${ptr}/examples/${i}`, schemaPointer: ptr, value: v });
    });
  for (const [k, sub] of Object.entries<any>(schema.properties ?? {})) fromSchema(doc, sub, `${ptr}/properties/${esc(k)}`, out, seen);
  if (schema.items) fromSchema(doc, schema.items, `${ptr}/items`, out, seen);
  for (const key of ["oneOf", "anyOf", "allOf"])
    (schema[key] ?? []).forEach((s: any, i: number) => {
      fromSchema(doc, s, `${ptr}/${key}/${i}`, out, seen);
    });
  if (schema.additionalProperties && typeof schema.additionalProperties === "object")
    fromSchema(doc, schema.additionalProperties, `${ptr}/additionalProperties`, out, seen);
}

export function collectExamples(doc: Json): ExampleCase[] {
  const out: ExampleCase[] = [];
  const seen = new Set<string>();
  for (const [path, item] of Object.entries<any>(doc.paths ?? {})) {
    const itemPtr = `#/paths/${esc(path)}`;
    for (const [method, op] of Object.entries<any>(item)) {
      if (!op || typeof op !== "object" || !op.responses) continue;
      const opPtr = `${itemPtr}/${method}`;
      (op.parameters ?? []).forEach((raw: any, i: number) => {
        const [p, ptr] = resolve(doc, raw, `${opPtr}/parameters/${i}`);
        if (p?.example !== undefined) out.push({ where: `${ptr}/example`, schemaPointer: `${ptr}/schema`, value: p.example });
        for (const [k, ex] of Object.entries<any>(p?.examples ?? {}))
          out.push({ where: `${ptr}/examples/${esc(k)}`, schemaPointer: `${ptr}/schema`, value: resolve(doc, ex, "")[0]?.value });
      });
      if (op.requestBody) {
        const [rb, ptr] = resolve(doc, op.requestBody, `${opPtr}/requestBody`);
        for (const [mt, media] of Object.entries<any>(rb?.content ?? {})) fromMedia(doc, media, `${ptr}/content/${esc(mt)}`, out);
      }
      for (const [status, raw] of Object.entries<any>(op.responses)) {
        const [res, ptr] = resolve(doc, raw, `${opPtr}/responses/${status}`);
        for (const [mt, media] of Object.entries<any>(res?.content ?? {})) fromMedia(doc, media, `${ptr}/content/${esc(mt)}`, out);
        for (const [h, rawHeader] of Object.entries<any>(res?.headers ?? {})) {
          const [header, hptr] = resolve(doc, rawHeader, `${ptr}/headers/${esc(h)}`);
          if (header?.example !== undefined) out.push({ where: `${hptr}/example`, schemaPointer: `${hptr}/schema`, value: header.example });
          for (const [k, ex] of Object.entries<any>(header?.examples ?? {}))
            out.push({ where: `${hptr}/examples/${esc(k)}`, schemaPointer: `${hptr}/schema`, value: resolve(doc, ex, "")[0]?.value });
        }
      }
    }
  }
  for (const [name, schema] of Object.entries<any>(doc.components?.schemas ?? {}))
    fromSchema(doc, schema, `#/components/schemas/${esc(name)}`, out, seen);
  // de-duplicate (a shared response is reached from several operations)
  const unique = new Map<string, ExampleCase>();
  for (const c of out) unique.set(c.where, c);
  return [...unique.values()];
}

export function createValidator(doc: Json) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats.default(ajv);
  const int = (bits: number) => (n: number) => Number.isInteger(n) && Math.abs(n) <= 2 ** (bits - 1);
  ajv.addFormat("int32", { type: "number", validate: int(32) });
  ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat("float", { type: "number", validate: () => true });
  ajv.addFormat("double", { type: "number", validate: () => true });
  ajv.addSchema(doc as object, "spec");
  return (c: ExampleCase): string[] => {
    const validate = ajv.compile({ $ref: `spec${c.schemaPointer}` });
    return validate(c.value) ? [] : (validate.errors ?? []).map((e) => `${c.where}: ${e.instancePath || "(root)"} ${e.message}`);
  };
}
