/**
 * From a bundled OpenAPI 3.1 document, build the client surface the runtime needs:
 * operation metadata (method, path, parameter constraints, alternatives, success and error tables),
 * servers and security schemes as data; and the TypeScript that types each operation's input,
 * data and error union in terms of openapi-typescript's `operations` / `components`.
 */
import { SpecError } from "./bundle.js";

type Json = Record<string, any>;

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"] as const;
const IDEMPOTENT = new Set(["get", "put", "delete", "head", "options"]);
const CONSTRAINT_KEYS = ["type", "format", "pattern", "minLength", "maxLength", "minimum", "maximum", "enum"] as const;
export const STATUS_CODES: Record<string, string> = {
  "400": "BadRequest",
  "401": "Unauthorized",
  "402": "PaymentRequired",
  "403": "Forbidden",
  "404": "NotFound",
  "405": "MethodNotAllowed",
  "408": "RequestTimeout",
  "409": "Conflict",
  "410": "Gone",
  "412": "PreconditionFailed",
  "415": "UnsupportedMediaType",
  "422": "UnprocessableEntity",
  "423": "Locked",
  "429": "TooManyRequests",
  "500": "InternalServerError",
  "501": "NotImplemented",
  "502": "BadGateway",
  "503": "ServiceUnavailable",
  "504": "GatewayTimeout",
};

export interface ParamOut {
  name: string;
  in: "path" | "query" | "header" | "body";
  key: string;
  required: boolean;
  schema?: Json;
  description?: string;
  /** `x-idempotency-token: true`: the generated operation fills in `crypto.randomUUID()` when it is left out. */
  idempotencyToken?: boolean;
}

export interface OperationOut {
  operationId: string;
  method: string;
  path: string;
  idempotent: boolean;
  params: ParamOut[];
  body?: { required: boolean; contentType: string };
  alternatives?: { key: string; locations: string[]; default: string }[];
  success: number[];
  /** The success response documents a JSON body (an empty 2xx body is then an invalid response). */
  successBody: boolean;
  errors: Record<string, { code: string; schema?: string }>;
  errorCodes?: Record<string, { status: number; schema?: string; retryable?: boolean; throttling?: boolean }>;
  /** `x-pagination`, with input names mapped to input keys (the runtime's `PaginationDef`). */
  pagination?: PaginationOut;
  /** for the TypeScript side */
  meta: { summary?: string; description?: string; docs?: string; successWithBody?: string; errorContent: Record<string, boolean> };
}

export interface PaginationOut {
  kind: "token" | "cursor" | "page" | "offset";
  items: string;
  inputToken?: string;
  outputToken?: string;
  pageSize?: string;
  page?: string;
  firstPage?: number;
  offset?: string;
  hasMore?: string;
  total?: string;
  totalPages?: string;
}

/** Per kind: the fields it requires and the ones it allows (besides `kind`, `items`, `pageSize`, `hasMore`). */
const PAGINATION_KINDS: Record<string, { required: string[]; allowed: string[] }> = {
  token: { required: ["inputToken", "outputToken"], allowed: [] },
  cursor: { required: ["inputToken", "outputToken"], allowed: [] },
  page: { required: ["page"], allowed: ["firstPage", "total", "totalPages"] },
  offset: { required: ["offset"], allowed: ["total"] },
};
const PAGINATION_INPUTS = ["inputToken", "pageSize", "page", "offset"];
const PAGINATION_OUTPUTS = ["items", "outputToken", "hasMore", "total", "totalPages"];

/** Whether a dotted path can be found in a schema (true when the schema is too open to tell). */
function hasPath(doc: Json, schema: any, path: string): boolean {
  let cur = deref(doc, schema);
  for (const part of path === "" ? [] : path.split(".")) {
    if (!cur || typeof cur !== "object" || !cur.properties) return true;
    if (!(part in cur.properties)) return false;
    cur = deref(doc, cur.properties[part]);
  }
  return true;
}

/** Read and check `x-pagination` (errors at the extension's file:line). */
function pagination(doc: Json, raw: any, params: ParamOut[], successSchema: any, where: string): PaginationOut {
  const at = `${where}/x-pagination`;
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw new SpecError(`x-pagination must be an object`, at);
  const kind = PAGINATION_KINDS[raw.kind];
  if (!kind) throw new SpecError(`x-pagination kind "${raw.kind}" is not one of ${Object.keys(PAGINATION_KINDS).join(", ")}`, at);
  const allowed = new Set(["kind", "items", "pageSize", "hasMore", ...kind.required, ...kind.allowed]);
  for (const key of Object.keys(raw)) {
    if (!allowed.has(key)) throw new SpecError(`x-pagination of kind ${raw.kind} does not support "${key}"`, `${at}/${key}`);
  }
  for (const key of ["items", ...kind.required]) {
    if (raw[key] === undefined) throw new SpecError(`x-pagination of kind ${raw.kind} needs "${key}"`, at);
  }
  const out: PaginationOut = { kind: raw.kind, items: "" };
  for (const key of Object.keys(raw)) {
    if (key === "kind") continue;
    const value = raw[key];
    if (key === "firstPage") {
      if (!Number.isInteger(value) || value < 0) throw new SpecError(`x-pagination firstPage must be an integer >= 0`, `${at}/${key}`);
      out.firstPage = value;
    } else if (typeof value !== "string") {
      throw new SpecError(`x-pagination ${key} must be a string`, `${at}/${key}`);
    } else if (PAGINATION_INPUTS.includes(key)) {
      const param = params.find((p) => p.name === value && p.in !== "path");
      if (!param)
        throw new SpecError(`x-pagination ${key} "${value}" is not a query, header or body parameter of the operation`, `${at}/${key}`);
      (out as unknown as Record<string, string>)[key] = param.key;
    } else if (PAGINATION_OUTPUTS.includes(key)) {
      if (successSchema === undefined) throw new SpecError(`x-pagination needs a JSON success response`, at);
      if (!hasPath(doc, successSchema, value))
        throw new SpecError(`x-pagination ${key} "${value}" is not a property path of the success response`, `${at}/${key}`);
      (out as unknown as Record<string, string>)[key] = value;
    }
  }
  return out;
}

export interface ApiOut {
  id: string;
  title: string;
  version: string;
  protocol: "aws-rest-json" | "http";
  servers: { url: string; environment: string; description?: string; variables: Record<string, { default: string; enum?: string[] }> }[];
  securitySchemes: Record<string, Json>;
  operations: Record<string, OperationOut>;
}

function deref(doc: Json, value: any, seen = new Set<string>()): any {
  if (value && typeof value === "object" && typeof value.$ref === "string") {
    const ref: string = value.$ref;
    if (!ref.startsWith("#/")) throw new SpecError(`unsupported external $ref after bundling: ${ref}`);
    if (seen.has(ref)) throw new SpecError(`circular $ref: ${ref}`);
    seen.add(ref);
    let cur: any = doc;
    for (const part of ref.slice(2).split("/")) {
      cur = cur?.[part.replace(/~1/g, "/").replace(/~0/g, "~")];
      if (cur === undefined) throw new SpecError(`dangling $ref: ${ref}`);
    }
    return deref(doc, cur, seen);
  }
  return value;
}

function refName(value: any): string | undefined {
  const ref = value && typeof value === "object" ? value.$ref : undefined;
  return typeof ref === "string" && ref.startsWith("#/components/schemas/") ? ref.slice("#/components/schemas/".length) : undefined;
}

function constraint(doc: Json, schema: any): Json | undefined {
  const s = deref(doc, schema);
  if (!s || typeof s !== "object") return undefined;
  const out: Json = {};
  for (const k of CONSTRAINT_KEYS) if (s[k] !== undefined) out[k] = s[k];
  return Object.keys(out).length ? out : undefined;
}

/** `X-Correlation-Id` -> `correlationId`; `membershipId` stays. */
export function inputKey(name: string, location: string): string {
  let base = location === "header" ? name.replace(/^x-/i, "") : name;
  if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(base) && location !== "header") return base;
  const parts = base.split(/[^A-Za-z0-9]+/).filter(Boolean);
  base = parts.map((p, i) => (i === 0 ? p.charAt(0).toLowerCase() + p.slice(1) : p.charAt(0).toUpperCase() + p.slice(1))).join("");
  return base || "param";
}

export function buildSurface(doc: Json, id: string): ApiOut {
  const schemes: Record<string, Json> = {};
  let aws = false;
  for (const [name, raw] of Object.entries<Json>(doc.components?.securitySchemes ?? {})) {
    const s = deref(doc, raw);
    const out: Json = { type: s.type };
    if (s.scheme) out.scheme = s.scheme;
    if (s.in) out.in = s.in;
    if (s.name) out.name = s.name;
    if (s["x-aws-sigv4"]?.signingName) {
      out.signingName = s["x-aws-sigv4"].signingName;
      aws = true;
    }
    const cc = s.flows?.clientCredentials;
    if (cc) {
      out.tokenUrl = cc.tokenUrl;
      out.scopes = Object.keys(cc.scopes ?? {});
    }
    schemes[name] = out;
  }

  const servers = (doc.servers ?? []).map((s: Json, i: number) => {
    const variables: Record<string, { default: string; enum?: string[] }> = {};
    for (const [k, v] of Object.entries<Json>(s.variables ?? {}))
      variables[k] = v.enum ? { default: v.default, enum: v.enum } : { default: v.default };
    const env = s["x-environment"] ?? (i === 0 ? "production" : `server${i}`);
    return {
      url: String(s.url),
      environment: String(env),
      ...(s.description ? { description: String(s.description).trim() } : {}),
      variables,
    };
  });
  if (servers.length === 0) throw new SpecError(`at least one server is required`, `#/servers`);

  const operations: Record<string, OperationOut> = {};
  for (const [path, rawItem] of Object.entries<Json>(doc.paths ?? {})) {
    const item = deref(doc, rawItem);
    const shared: any[] = item.parameters ?? [];
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const where = `#/paths/${path.replace(/~/g, "~0").replace(/\//g, "~1")}/${method}`;
      const operationId: string | undefined = op.operationId;
      if (!operationId) throw new SpecError(`operation has no operationId`, `${where}`);
      if (!/^[a-z][A-Za-z0-9]*$/.test(operationId))
        throw new SpecError(`operationId "${operationId}" is not a camelCase identifier`, `${where}`);
      if (operations[operationId]) throw new SpecError(`duplicate operationId "${operationId}"`, `${where}`);

      const params: ParamOut[] = [];
      const byLocName = new Map<string, Json>();
      for (const raw of [...shared, ...(op.parameters ?? [])]) {
        const p = deref(doc, raw);
        byLocName.set(`${p.in}:${p.name}`, p);
      }
      for (const p of byLocName.values()) {
        if (p.in === "cookie") throw new SpecError(`cookie parameter "${p.name}" is not supported`, `${where}`);
        params.push({
          name: p.name,
          in: p.in,
          key: inputKey(p.name, p.in),
          required: p.in === "path" ? true : Boolean(p.required),
          schema: constraint(doc, p.schema),
          description: p.description,
          ...(p["x-idempotency-token"] === true || deref(doc, p.schema)?.["x-idempotency-token"] === true
            ? { idempotencyToken: true }
            : {}),
        });
      }
      for (const m of path.matchAll(/\{([^}]+)\}/g)) {
        if (!params.some((p) => p.in === "path" && p.name === m[1]))
          throw new SpecError(`path parameter {${m[1]}} is not declared`, `${where}`);
      }

      let body: OperationOut["body"];
      if (op.requestBody) {
        const rb = deref(doc, op.requestBody);
        const media = rb.content?.["application/json"];
        if (!media) throw new SpecError(`only application/json request bodies are supported`, `${where}/requestBody`);
        const schema = deref(doc, media.schema);
        if (!schema || typeof schema !== "object") throw new SpecError(`the JSON request body has no schema`, `${where}/requestBody`);
        body = { required: Boolean(rb.required), contentType: "application/json" };
        if (schema.type !== "object" || !schema.properties) {
          // Any other JSON body (a string, an array, a union, a map, a scalar) is one input, `body`.
          params.push({
            name: "",
            in: "body",
            key: "body",
            required: Boolean(rb.required),
            schema: constraint(doc, media.schema),
            description: rb.description ?? schema.description,
          });
        }
        const required = new Set<string>(schema.required ?? []);
        for (const [name, prop] of Object.entries<Json>(schema.type === "object" ? (schema.properties ?? {}) : {})) {
          const resolved = deref(doc, prop);
          params.push({
            name,
            in: "body",
            key: inputKey(name, "body"),
            required: Boolean(rb.required) && required.has(name),
            schema: constraint(doc, prop),
            description: prop.description ?? resolved?.description,
            ...(prop["x-idempotency-token"] === true || resolved?.["x-idempotency-token"] === true ? { idempotencyToken: true } : {}),
          });
        }
      }

      let alternatives: OperationOut["alternatives"];
      if (Array.isArray(op["x-one-of-locations"])) {
        alternatives = op["x-one-of-locations"].map((a: Json) => {
          const locs: string[] = a.locations;
          for (const l of locs) {
            if (!params.some((p) => p.name === a.name && p.in === l))
              throw new SpecError(`"${a.name}" is not declared in ${l}`, `${where}/x-one-of-locations`);
          }
          if (!locs.includes(a.default))
            throw new SpecError(`default "${a.default}" is not one of ${locs.join(", ")}`, `${where}/x-one-of-locations`);
          for (const p of params) if (p.name === a.name) p.key = inputKey(a.name, "query");
          return { key: inputKey(a.name, "query"), locations: locs, default: a.default };
        });
      }
      const tokens = params.filter((p) => p.idempotencyToken);
      if (tokens.length > 1) throw new SpecError(`more than one x-idempotency-token (${tokens.map((p) => p.name).join(", ")})`, where);
      for (const t of tokens) {
        const at = t.in === "body" ? `${where}/requestBody/content/application~1json/schema/properties/${t.name}` : where;
        if (t.in === "path") throw new SpecError(`x-idempotency-token on path parameter "${t.name}": it must be optional`, at);
        if (t.required)
          throw new SpecError(`x-idempotency-token "${t.name}" is required: the client fills it in, so it must be optional`, at);
        const type = t.schema?.type;
        if (
          type !== "string" ||
          (t.schema?.format !== undefined && t.schema.format !== "uuid") ||
          t.schema?.pattern !== undefined ||
          t.schema?.enum !== undefined
        )
          throw new SpecError(
            `x-idempotency-token "${t.name}" must be a plain string (no pattern, enum or format other than uuid): the client sends a UUID`,
            at,
          );
        if ((t.schema?.maxLength ?? 36) < 36)
          throw new SpecError(`x-idempotency-token "${t.name}" has maxLength < 36: a UUID does not fit`, at);
      }
      const seenKeys = new Map<string, ParamOut>();
      for (const p of params) {
        const other = seenKeys.get(p.key);
        if (other && !alternatives?.some((a) => a.key === p.key)) {
          throw new SpecError(`input key "${p.key}" is used by both ${other.in} "${other.name}" and ${p.in} "${p.name}"`, `${where}`);
        }
        seenKeys.set(p.key, p);
      }

      const success: number[] = [];
      const errors: OperationOut["errors"] = {};
      const errorCodes: NonNullable<OperationOut["errorCodes"]> = {};
      const errorContent: Record<string, boolean> = {};
      let successWithBody: string | undefined;
      for (const [status, raw] of Object.entries<Json>(op.responses ?? {})) {
        const res = deref(doc, raw);
        const media = res.content?.["application/json"];
        if (/^2\d\d$/.test(status)) {
          success.push(Number(status));
          if (media && successWithBody === undefined) successWithBody = status;
          continue;
        }
        if (!/^[45]\d\d$/.test(status) && status !== "default") continue;
        errorContent[status] = Boolean(media);
        const schema = media ? refName(media.schema) : undefined;
        errors[status] = {
          code: status === "default" ? "UnknownError" : (STATUS_CODES[status] ?? `Http${status}`),
          ...(schema ? { schema } : {}),
        };
        for (const [code, def] of Object.entries<Json>(res["x-error-codes"] ?? {})) {
          if (status === "default") throw new SpecError(`x-error-codes need a concrete status`, `${where}/responses/default`);
          if (def.schema && !doc.components?.schemas?.[def.schema])
            throw new SpecError(
              `schema "${def.schema}" is not in #/components/schemas`,
              `${where}/responses/${status}/x-error-codes/${code}`,
            );
          errorCodes[code] = {
            status: Number(status),
            ...(def.schema ? { schema: String(def.schema) } : {}),
            ...(def.retryable ? { retryable: true } : {}),
            ...(def.throttling ? { throttling: true } : {}),
          };
        }
      }
      if (success.length === 0) throw new SpecError(`no 2xx response documented`, `${where}`);
      if (aws && Object.keys(errorCodes).length === 0 && Object.keys(errors).length > 0) {
        throw new SpecError(`an AWS (SigV4) API must map its error responses with x-error-codes`, `${where}`);
      }

      const successSchema = successWithBody ? deref(doc, op.responses[successWithBody]).content["application/json"].schema : undefined;
      const paging = op["x-pagination"] === undefined ? undefined : pagination(doc, op["x-pagination"], params, successSchema, where);

      operations[operationId] = {
        operationId,
        method,
        path,
        // An idempotency token makes every retry of a call the same request to the server: safe to repeat.
        idempotent: IDEMPOTENT.has(method) || op["x-idempotent"] === true || params.some((p) => p.idempotencyToken),
        params,
        ...(body ? { body } : {}),
        ...(alternatives ? { alternatives } : {}),
        success,
        successBody: successWithBody !== undefined,
        errors,
        ...(Object.keys(errorCodes).length ? { errorCodes } : {}),
        ...(paging ? { pagination: paging } : {}),
        meta: {
          summary: op.summary,
          description: op.description,
          docs: op.externalDocs?.url,
          successWithBody,
          errorContent,
        },
      };
    }
  }
  if (Object.keys(operations).length === 0) throw new SpecError(`the spec declares no operation`, `#/paths`);

  return {
    id,
    title: String(doc.info?.title ?? id),
    version: String(doc.info?.version ?? "0.0.0"),
    protocol: aws ? "aws-rest-json" : "http",
    servers,
    securitySchemes: schemes,
    operations,
  };
}
