/**
 * The data the generator (tools/codegen) emits for every API into `src/generated/api.ts`,
 * and that the runtime reads to build, validate, send, retry and parse calls.
 * Everything here is plain data: one const per operation (so a bundler keeps only the operations a consumer imports).
 */

export type HttpMethod = "get" | "put" | "post" | "delete" | "patch" | "head" | "options";
export type ParamLocation = "path" | "query" | "header" | "body";

/** The subset of JSON Schema the runtime checks before sending (from the spec's parameter/property schema). */
export interface Constraint {
  readonly type?: string | readonly string[];
  readonly format?: string;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly enum?: readonly unknown[];
}

export interface ParamDef {
  /** Name on the wire (path template name, query key, header name or body property; `""`: the whole JSON body). */
  readonly name: string;
  readonly in: ParamLocation;
  /** Key in the operation's input object (camelCase; `X-Correlation-Id` -> `correlationId`). */
  readonly key: string;
  readonly required: boolean;
  readonly schema?: Constraint;
  /**
   * OpenAPI serialization of a path, query or header parameter, emitted only when it is not the location's default
   * or the value may be an array or object (the operation then carries `serialize`).
   */
  readonly style?: ParamStyle;
  readonly explode?: boolean;
}

export type ParamStyle = "form" | "spaceDelimited" | "pipeDelimited" | "deepObject" | "simple" | "label" | "matrix";

/** The validated inputs of one call, split by location (path and header values as text, query values as given). */
export interface BuiltParams {
  path: Record<string, string>;
  query: Record<string, unknown> | undefined;
  header: Record<string, string> | undefined;
  /** The body: an object of the body properties, or the whole body when its schema is not an object with properties. */
  body: unknown;
}

/**
 * Builds a call's path (template filled in), query string (`""` or `?…`), header values (into `headers`) and body, for
 * an operation with styled parameters, a non-JSON body or a non-JSON response (`encodeRequest`, referenced by the
 * generated operation data). It returns the call's options: a stream body gets a single attempt.
 */
export type RequestEncoder = <O extends { retry?: object }>(
  op: OperationDef,
  params: BuiltParams,
  headers: Record<string, string>,
  options: O,
  /** The caller's input: a styled array or object is serialized from it (`params` holds path and header values as text). */
  input: Readonly<Record<string, unknown>>,
) => [path: string, query: string, body: BodyInit | undefined, options: O];

/** How one property of a form or multipart body is encoded (the OpenAPI `encoding` object). */
export interface EncodingDef {
  readonly style?: "form" | "deepObject";
  readonly explode?: boolean;
  /** Multipart: the part's Content-Type. */
  readonly contentType?: string;
}

export interface BodyDef {
  readonly required: boolean;
  readonly contentType: string;
  /** Per-property encoding (form and multipart bodies). */
  readonly encoding?: Readonly<Record<string, EncodingDef>>;
  /**
   * Encodes the body and sets its Content-Type in `headers` (absent: JSON; read by `encodeRequest`). The generated
   * operation references the encoder its content type needs, so a bundler keeps only the encoders it imports.
   */
  readonly encode?: BodyEncoder;
}

export type BodyEncoder = (value: unknown, op: OperationDef, headers: Record<string, string>) => BodyInit;

/** One logical input accepted in several places ("productId in body OR query"): at least one must be sent. */
export interface AlternativeDef {
  readonly key: string;
  readonly locations: readonly ParamLocation[];
  readonly default: ParamLocation;
}

export interface ErrorStatusDef {
  /** Code used for this status when the API has no error codes (e.g. 404 -> "NotFound"). */
  readonly code: string;
  /** Component schema name of the body, when documented. */
  readonly schema?: string;
}

export interface ErrorCodeDef {
  readonly status: number;
  readonly schema?: string;
  /** The vendor marks it retryable (AWS `@retryable`). */
  readonly retryable?: boolean;
  /** The vendor marks it as throttling (AWS `@retryable(throttling: true)`). */
  readonly throttling?: boolean;
}

export interface OperationDef {
  readonly operationId: string;
  readonly method: HttpMethod;
  readonly path: string;
  /** Safe to repeat: GET/PUT/DELETE/HEAD/OPTIONS, or `x-idempotent: true` in the spec. */
  readonly idempotent: boolean;
  readonly params: readonly ParamDef[];
  readonly body?: BodyDef;
  /**
   * Builds the request when it is not the default (path and header values as strings, query arrays as repeated keys,
   * a JSON body): styled parameters, another body, an `Accept` header.
   */
  readonly encode?: RequestEncoder;
  readonly alternatives?: readonly AlternativeDef[];
  /** Documented success statuses. */
  readonly success: readonly number[];
  /** The success response documents a JSON body: an empty 2xx body is then an InvalidResponseError. */
  readonly successBody?: boolean;
  /** A non-JSON success body: `text` (a string) or `blob` (binary: a Blob, read whole under the attempt's timeout); the Response method that reads it. */
  readonly response?: "text" | "blob";
  /** The `Accept` header: the documented success content types, when not only JSON (absent: `application/json`). */
  readonly accept?: string;
  /** Documented error statuses ("default" included when the spec has one). */
  readonly errors: Readonly<Record<string, ErrorStatusDef>>;
  /** Documented error codes (AWS: from `x-error-codes`). */
  readonly errorCodes?: Readonly<Record<string, ErrorCodeDef>>;
}

/**
 * How an operation pages (`x-pagination` in the spec; generated next to the operation, read only by `paginate`).
 * Inputs are input keys of the operation; outputs are dotted paths in the success body (`""`: the body itself).
 */
export interface PaginationDef {
  /** `token`/`cursor`: the response names the next page; `page`: a page number; `offset`: an item offset. */
  readonly kind: "token" | "cursor" | "page" | "offset";
  /** Input that carries the token or cursor (`token`, `cursor`). */
  readonly inputToken?: string;
  /** Where the response carries the next token or cursor; absent, null or "" = last page. */
  readonly outputToken?: string;
  /** Where the page's items are (an array). */
  readonly items: string;
  /** Input that sets the page size (a page shorter than it is the last one, for `page`/`offset`). */
  readonly pageSize?: string;
  /** Input with the page number (`page`) and the number of the first page (default 1). */
  readonly page?: string;
  readonly firstPage?: number;
  /** Input with the item offset (`offset`; starts at 0). */
  readonly offset?: string;
  /** Where the response says whether more pages follow (`false` = last page, whatever the token says). */
  readonly hasMore?: string;
  /** Where the response carries the total number of items / of pages (optional stop conditions). */
  readonly total?: string;
  readonly totalPages?: string;
}

export interface ServerVariableDef {
  readonly default: string;
  readonly enum?: readonly string[];
}

export interface ServerDef {
  readonly url: string;
  readonly environment: string;
  readonly description?: string;
  readonly variables: Readonly<Record<string, ServerVariableDef>>;
}

export interface SecuritySchemeDef {
  readonly type: string;
  readonly scheme?: string;
  readonly in?: string;
  readonly name?: string;
  /** AWS SigV4 signing name (`x-aws-sigv4.signingName`). */
  readonly signingName?: string;
  /** OAuth2 client-credentials token URL and scopes. */
  readonly tokenUrl?: string;
  readonly scopes?: readonly string[];
}

/** What every client of an API needs, whatever operations it calls (generated as `service`). */
export interface ServiceDef {
  readonly id: string;
  readonly title: string;
  readonly version: string;
  /**
   * `aws-rest-json` APIs carry the error code in `X-Amzn-Errortype`; `http` APIs are keyed by status. Documentary:
   * the factory injects the matching protocol object (`awsRestJsonProtocol` from `./sigv4`, else `httpProtocol`).
   */
  readonly protocol: "aws-rest-json" | "http";
  readonly servers: readonly ServerDef[];
  readonly securitySchemes: Readonly<Record<string, SecuritySchemeDef>>;
}

/** The service plus every operation's data (generated as `api`; read by the docs and the test harnesses). */
export interface ApiDef extends ServiceDef {
  readonly operations: Readonly<Record<string, OperationDef>>;
}
