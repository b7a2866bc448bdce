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
  /** `x-client-parameter`: the client fills it in on every call (an option or a generated value); optional per call. */
  clientLevel?: boolean;
  /** OpenAPI `style`/`explode` of a path, query or header parameter (only when the operation needs `serialize`). */
  style?: string;
  explode?: boolean;
  /** A binary multipart part (`format: binary` or `contentMediaType`): typed `Blob | Uint8Array`, no constraint. */
  binary?: "one" | "many";
}

/** The request body: its content type, `encoding` and the runtime encoder the generated operation references. */
export interface BodyOut {
  required: boolean;
  contentType: string;
  encoding?: Record<string, { style?: string; explode?: boolean; contentType?: string }>;
  /** `formBody` | `multipartBody` | `textBody` | `binaryBody` (absent: JSON). */
  encode?: string;
}

export interface OperationOut {
  operationId: string;
  method: string;
  path: string;
  idempotent: boolean;
  params: ParamOut[];
  body?: BodyOut;
  /** Some parameter is styled (the operation then references `encodeRequest`, as it does for non-JSON bodies and responses). */
  serialize?: boolean;
  /** A non-JSON success body, and the Accept header then sent. */
  response?: "text" | "blob";
  accept?: string;
  alternatives?: { key: string; locations: string[]; default: string }[];
  success: number[];
  /** The success response documents a JSON body (an empty 2xx body is then an invalid response). */
  successBody: boolean;
  errors: Record<string, { code: string; schema?: string }>;
  errorCodes?: Record<string, { status: number; schema?: string; retryable?: boolean; throttling?: boolean }>;
  /** `x-pagination`, with input names mapped to input keys (the runtime's `PaginationDef`). */
  pagination?: PaginationOut;
  /** for the TypeScript side */
  meta: {
    summary?: string;
    description?: string;
    docs?: string;
    successWithBody?: string;
    errorContent: Record<string, boolean>;
    /** The request body's media type as written in the spec (schema.ts is keyed by it). */
    requestMedia?: string;
  };
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

const STYLES: Record<string, string[]> = {
  path: ["simple", "label", "matrix"],
  query: ["form", "spaceDelimited", "pipeDelimited", "deepObject"],
  header: ["simple"],
};

/**
 * A parameter's `style`/`explode` (OpenAPI defaults: `simple` in path and header, exploded `form` in query), kept
 * when it changes what is sent: an explicit non-default, an object value, or an array outside the query (a query
 * array without a style is sent as repeated keys by the client itself). Refuses what cannot be sent, at `at`.
 */
function paramStyle(doc: Json, p: Json, at: string): { style?: string; explode?: boolean } {
  if (p.in === "cookie")
    throw new SpecError(
      `cookie parameter "${p.name}" is not supported: browsers forbid setting the Cookie header from fetch, so a client could not send it; use a header or query parameter`,
      at,
    );
  if (p.content !== undefined)
    throw new SpecError(
      `parameter "${p.name}" uses \`content\` (a media type): only \`schema\` with \`style\`/\`explode\` is supported`,
      at,
    );
  if (p.allowReserved)
    throw new SpecError(`parameter "${p.name}": allowReserved is not supported (reserved characters are percent-encoded)`, at);
  const allowed = STYLES[p.in] ?? [];
  const style: string = p.style ?? allowed[0];
  if (!allowed.includes(style)) throw new SpecError(`style "${style}" is not allowed in ${p.in} (one of ${allowed.join(", ")})`, at);
  const explode: boolean = p.explode ?? style === "form";
  const schema = deref(doc, p.schema) ?? {};
  const type = schema.type;
  if ((style === "spaceDelimited" || style === "pipeDelimited") && type !== "array")
    throw new SpecError(`style ${style} applies to array parameters only`, at);
  if (style === "deepObject") {
    if (type !== "object") throw new SpecError(`style deepObject applies to object parameters only`, at);
    for (const [name, prop] of Object.entries<Json>(schema.properties ?? {})) {
      const t = deref(doc, prop)?.type;
      if (t === "object" || t === "array")
        throw new SpecError(
          `deepObject parameter "${p.name}" has a nested ${t} "${name}": OpenAPI defines no serialization for it (use a form body)`,
          at,
        );
    }
  }
  if (type === "array" && deref(doc, schema.items)?.type === "object")
    throw new SpecError(`array parameter "${p.name}" of objects: OpenAPI defines no serialization for it`, at);
  const explicit = (p.style !== undefined && p.style !== allowed[0]) || (p.explode !== undefined && p.explode !== (style === "form"));
  if (!explicit && type !== "object" && !(type === "array" && p.in !== "query")) return {};
  return { style, explode };
}

type BodyKind = "json" | "form" | "multipart" | "text" | "binary";
const BINARY_TYPE = /^(application\/(octet-stream|pdf|zip|gzip)|image\/[\w.+-]+|audio\/[\w.+-]+|video\/[\w.+-]+)$/;

function bodyKind(type: string, at: string): BodyKind {
  if (type === "application/json") return "json";
  if (type === "application/x-www-form-urlencoded") return "form";
  if (type === "multipart/form-data") return "multipart";
  if (/^text\/[\w.+-]+$/.test(type)) return "text";
  if (BINARY_TYPE.test(type)) return "binary";
  throw new SpecError(
    `request content type ${type} is not supported (application/json, application/x-www-form-urlencoded, multipart/form-data, text/*, application/octet-stream and other binary types are)`,
    at,
  );
}

function responseKind(type: string, at: string): "text" | "blob" {
  if (/^text\/[\w.+-]+$/.test(type)) return "text";
  if (BINARY_TYPE.test(type)) return "blob";
  throw new SpecError(
    `response content type ${type} is not supported (application/json, text/*, application/octet-stream and other binary types are)`,
    at,
  );
}

/** A multipart property whose value is bytes (`format: binary`, `contentMediaType`, `contentEncoding`), or an array of them. */
function binaryPart(doc: Json, schema: Json | undefined): "one" | "many" | undefined {
  const isBin = (s: Json | undefined) =>
    !!s && (s.format === "binary" || s.contentMediaType !== undefined || s.contentEncoding !== undefined);
  if (isBin(schema)) return "one";
  if (schema?.type === "array" && isBin(deref(doc, schema.items))) return "many";
  return undefined;
}

/** The `encoding` object of a form or multipart body, checked: what the runtime can send, for declared properties. */
function bodyEncoding(doc: Json, raw: Json | undefined, schema: Json, kind: "form" | "multipart", at: string): BodyOut["encoding"] {
  if (raw === undefined) return undefined;
  const out: NonNullable<BodyOut["encoding"]> = {};
  for (const [name, e] of Object.entries<Json>(raw)) {
    const here = `${at}/encoding/${name}`;
    if (!schema.properties[name]) throw new SpecError(`encoding names "${name}", which is not a property of the body`, here);
    const entry: { style?: string; explode?: boolean; contentType?: string } = {};
    for (const [key, value] of Object.entries<any>(e ?? {})) {
      if (kind === "form" && key === "style") {
        if (value !== "form" && value !== "deepObject")
          throw new SpecError(`encoding style "${value}" is not supported in a form body (form or deepObject)`, `${here}/style`);
        entry.style = value;
      } else if (kind === "form" && key === "explode") entry.explode = Boolean(value);
      else if (kind === "multipart" && key === "contentType") {
        if (typeof value !== "string" || value.includes(","))
          throw new SpecError(`encoding contentType must be one media type`, `${here}/contentType`);
        entry.contentType = value;
      } else throw new SpecError(`encoding "${key}" is not supported in a ${kind} body`, `${here}/${key}`);
    }
    if (entry.style === "deepObject" && entry.explode === false)
      throw new SpecError(`deepObject is defined only with explode: true`, `${here}/explode`);
    void doc;
    if (Object.keys(entry).length) out[name] = entry;
  }
  return Object.keys(out).length ? out : undefined;
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
      const rawParams = [
        ...shared.map((r, i) => [r, `${where.replace(/\/[a-z]+$/, "")}/parameters/${i}`] as const),
        ...(op.parameters ?? []).map((r: any, i: number) => [r, `${where}/parameters/${i}`] as const),
      ];
      const paramAt = new Map<string, string>();
      for (const [raw, at] of rawParams)
        paramAt.set(`${deref(doc, raw).in}:${deref(doc, raw).name}`, typeof raw?.$ref === "string" ? raw.$ref : at);
      for (const p of byLocName.values()) {
        const at = paramAt.get(`${p.in}:${p.name}`) ?? where;
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
          ...(p["x-client-parameter"] ? { clientLevel: true } : {}),
          ...paramStyle(doc, p, at),
        });
      }
      for (const m of path.matchAll(/\{([^}]+)\}/g)) {
        if (!params.some((p) => p.in === "path" && p.name === m[1]))
          throw new SpecError(`path parameter {${m[1]}} is not declared`, `${where}`);
      }

      let body: BodyOut | undefined;
      let requestMedia: string | undefined;
      if (op.requestBody) {
        const rb = deref(doc, op.requestBody);
        const at = `${where}/requestBody`;
        const types = Object.keys(rb.content ?? {});
        requestMedia = types.includes("application/json") ? "application/json" : types.length === 1 ? types[0] : undefined;
        if (requestMedia === undefined)
          throw new SpecError(
            types.length === 0
              ? "the request body has no content"
              : `the request body offers ${types.join(", ")}: give one content type (or application/json among them)`,
            `${at}/content`,
          );
        const mediaAt = `${at}/content/${requestMedia.replace(/~/g, "~0").replace(/\//g, "~1")}`;
        const media = rb.content[requestMedia];
        const kind = bodyKind(requestMedia, mediaAt);
        if (aws && kind !== "json")
          throw new SpecError(`an AWS (SigV4) API takes only JSON request bodies here: the signature covers the body bytes`, mediaAt);
        const schema = deref(doc, media.schema);
        if (kind === "json" && (!schema || typeof schema !== "object"))
          throw new SpecError(`the JSON request body has no schema`, `${where}/requestBody`);
        body = { required: Boolean(rb.required), contentType: requestMedia };
        if (kind !== "json") body.encode = `${kind}Body`;
        if (kind === "form" || kind === "multipart") {
          if (schema?.type !== "object" || !schema.properties)
            throw new SpecError(
              `a ${requestMedia} body must be an object schema with properties (one field per property)`,
              `${mediaAt}/schema`,
            );
          const encoding = bodyEncoding(doc, media.encoding, schema, kind, mediaAt) ?? {};
          // OpenAPI 3.1: a part's default Content-Type is its schema's `contentMediaType`.
          for (const [name, prop] of Object.entries<Json>(kind === "multipart" ? schema.properties : {})) {
            const resolved = deref(doc, prop);
            const type = resolved?.contentMediaType ?? deref(doc, resolved?.items)?.contentMediaType;
            if (typeof type === "string" && !encoding[name]?.contentType) encoding[name] = { ...encoding[name], contentType: type };
          }
          if (Object.keys(encoding).length) body.encoding = encoding;
        } else if (media.encoding !== undefined) {
          throw new SpecError(`encoding applies only to form and multipart bodies`, `${mediaAt}/encoding`);
        }
        if (kind === "text" && schema && schema.type !== undefined && schema.type !== "string")
          throw new SpecError(`a ${requestMedia} body must be a string schema`, `${mediaAt}/schema`);
        if (kind === "text" || kind === "binary" || schema.type !== "object" || !schema.properties) {
          // Any other body (a string, an array, a union, a map, a scalar, text, bytes) is one input, `body`.
          params.push({
            name: "",
            in: "body",
            key: "body",
            required: Boolean(rb.required),
            schema: kind === "json" || kind === "text" ? constraint(doc, media.schema) : undefined,
            description: rb.description ?? schema?.description,
          });
        }
        const required = new Set<string>(schema?.required ?? []);
        for (const [name, prop] of Object.entries<Json>(
          kind !== "text" && kind !== "binary" && schema.type === "object" ? (schema.properties ?? {}) : {},
        )) {
          const resolved = deref(doc, prop);
          const binary = kind === "multipart" ? binaryPart(doc, resolved) : undefined;
          if (kind === "form" && binaryPart(doc, resolved))
            throw new SpecError(
              `a form-encoded body cannot carry binary data: use multipart/form-data`,
              `${mediaAt}/schema/properties/${name}`,
            );
          params.push({
            name,
            in: "body",
            key: inputKey(name, "body"),
            required: Boolean(rb.required) && required.has(name),
            schema: binary ? undefined : constraint(doc, prop),
            description: prop.description ?? resolved?.description,
            ...(prop["x-idempotency-token"] === true || resolved?.["x-idempotency-token"] === true ? { idempotencyToken: true } : {}),
            ...(binary ? { binary } : {}),
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
        const at =
          t.in === "body" ? `${where}/requestBody/content/${requestMedia!.replace(/\//g, "~1")}/schema/properties/${t.name}` : where;
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
      let response: "text" | "blob" | undefined;
      const accept = new Set<string>();
      for (const [status, raw] of Object.entries<Json>(op.responses ?? {})) {
        const res = deref(doc, raw);
        const media = res.content?.["application/json"];
        if (/^2\d\d$/.test(status)) {
          success.push(Number(status));
          if (media && successWithBody === undefined) successWithBody = status;
          for (const type of Object.keys(res.content ?? {})) {
            const at = `${where}/responses/${status}/content/${type.replace(/\//g, "~1")}`;
            const kind = type === "application/json" ? undefined : responseKind(type, at);
            if (kind && response && kind !== response)
              throw new SpecError(`success responses documented as both text and binary (blob): the client reads one kind`, at);
            if (kind) response = kind;
            accept.add(type);
          }
          if ((media ? 1 : 0) + (response ? 1 : 0) > 1 || (successWithBody && response))
            throw new SpecError(
              `success responses documented as both JSON and ${response === "blob" ? "binary" : "text"}: the client reads one kind`,
              `${where}/responses/${status}`,
            );
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
        ...(params.some((p) => p.style) ? { serialize: true } : {}),
        ...(alternatives ? { alternatives } : {}),
        success,
        successBody: successWithBody !== undefined,
        ...(response ? { response, accept: [...accept].join(", ") } : {}),
        errors,
        ...(Object.keys(errorCodes).length ? { errorCodes } : {}),
        ...(paging ? { pagination: paging } : {}),
        meta: {
          summary: op.summary,
          description: op.description,
          docs: op.externalDocs?.url,
          successWithBody,
          errorContent,
          requestMedia,
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
