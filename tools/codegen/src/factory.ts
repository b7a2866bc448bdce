/**
 * The client factory of an API, from its spec: `securitySchemes` + `security` (the auth options, one alternative per
 * security requirement object), the servers (`environment`) and the client-level parameters (`x-client-parameter`).
 * `clientModel` reads and checks them (errors at file:line); `emitClient` writes `src/generated/client.ts`.
 * The vendor extensions it reads are documented in specs/README.md ("Vendor extensions the generator reads").
 */
import { SpecError } from "./bundle.js";
import { header } from "./emit.js";
import { inputKey, type ApiOut } from "./surface.js";

type Json = Record<string, any>;

/** One way to authenticate (one security requirement object of exactly one scheme). */
export type SchemeModel =
  | { kind: "bearer"; scheme: string; option: string; description?: string }
  | { kind: "apiKey"; scheme: string; option: string; in: "header" | "query"; param: string; prefix: string; description?: string }
  | { kind: "basic"; scheme: string; option: "username"; description?: string }
  | { kind: "oauth2"; scheme: string; option: string; tokenUrl: string; scope: string; description?: string }
  | { kind: "sigv4"; scheme: string; signingName: string };

/** A client-level parameter: a client option sent on every call (`option`), or a generated value (`default`). */
export interface ClientParamModel {
  /** Input key of the parameter (`tenant`, `correlationId`). */
  key: string;
  name: string;
  in: string;
  option?: { name: string; required: boolean; type: string; description?: string };
  default?: "uuid";
  example?: unknown;
}

export interface ClientModel {
  /** `CloudCockpit` (from `x-client-name`, else the id in PascalCase). */
  name: string;
  title: string;
  alternatives: SchemeModel[];
  params: ClientParamModel[];
}

/** Options every client has (`BaseClientOptions` of the runtime): a credential option may not take one of these names. */
const BASE_OPTIONS = [
  "baseUrl",
  "environment",
  "retry",
  "timeoutMs",
  "throwOnError",
  "headers",
  "fetch",
  "logger",
  "region",
  "credentials",
];
const IDENT = /^[a-z][A-Za-z0-9]*$/;

export const pascalId = (id: string) =>
  id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join("");

function deref(doc: Json, v: any): any {
  if (!v || typeof v !== "object" || typeof v.$ref !== "string" || !v.$ref.startsWith("#/")) return v;
  let cur: any = doc;
  for (const part of v.$ref.slice(2).split("/")) cur = cur?.[part.replace(/~1/g, "/").replace(/~0/g, "~")];
  return deref(doc, cur);
}

/** `x-client-option: apiKey` or `{ name: apiKey, description: ... }` (the JSDoc of the option). */
function clientOption(raw: unknown, fallback: string, at: string): { option: string; description?: string } {
  if (raw === undefined) return { option: fallback };
  const obj = typeof raw === "string" ? { name: raw } : raw;
  if (!obj || typeof obj !== "object" || typeof (obj as Json).name !== "string")
    throw new SpecError(`x-client-option must be an option name or { name, description }`, `${at}/x-client-option`);
  const { name, description } = obj as Json;
  if (!IDENT.test(name)) throw new SpecError(`x-client-option "${name}" is not a camelCase identifier`, `${at}/x-client-option`);
  if (BASE_OPTIONS.includes(name)) throw new SpecError(`x-client-option "${name}" is already a client option`, `${at}/x-client-option`);
  return { option: name, ...(typeof description === "string" ? { description: description.trim() } : {}) };
}

function schemeModel(doc: Json, name: string, requirement: unknown): SchemeModel {
  const at = `#/components/securitySchemes/${name}`;
  const s = deref(doc, doc.components?.securitySchemes?.[name]);
  if (!s) throw new SpecError(`security requirement names "${name}", which is not in components.securitySchemes`, "#/security");
  if (s["x-aws-sigv4"] !== undefined) {
    const signingName = s["x-aws-sigv4"]?.signingName;
    if (typeof signingName !== "string" || !signingName) throw new SpecError(`x-aws-sigv4 needs a signingName`, `${at}/x-aws-sigv4`);
    return { kind: "sigv4", scheme: name, signingName };
  }
  if (s.type === "http" && /^bearer$/i.test(s.scheme ?? ""))
    return { kind: "bearer", scheme: name, ...clientOption(s["x-client-option"], "token", at) };
  if (s.type === "http" && /^basic$/i.test(s.scheme ?? "")) {
    if (s["x-client-option"] !== undefined)
      throw new SpecError(`x-client-option is not read on http basic: the options are username and password`, `${at}/x-client-option`);
    return { kind: "basic", scheme: name, option: "username" };
  }
  if (s.type === "apiKey") {
    if (s.in === "cookie")
      throw new SpecError(`apiKey in a cookie is not supported (the clients send no cookies): send the key in a header or the query`, at);
    if (s.in !== "header" && s.in !== "query") throw new SpecError(`apiKey "in" must be header or query`, at);
    if (typeof s.name !== "string" || !s.name) throw new SpecError(`apiKey needs the "name" of its ${s.in} parameter`, at);
    const prefix = s["x-auth-prefix"] ?? "";
    if (typeof prefix !== "string") throw new SpecError(`x-auth-prefix must be a string (e.g. "Basic ")`, `${at}/x-auth-prefix`);
    if (prefix && s.in !== "header") throw new SpecError(`x-auth-prefix applies to a header key only`, `${at}/x-auth-prefix`);
    return { kind: "apiKey", scheme: name, in: s.in, param: s.name, prefix, ...clientOption(s["x-client-option"], "apiKey", at) };
  }
  if (s.type === "oauth2") {
    const cc = s.flows?.clientCredentials;
    const other = Object.keys(s.flows ?? {}).filter((f) => f !== "clientCredentials");
    if (!cc || other.length)
      throw new SpecError(`oauth2 flows other than clientCredentials (${other.join(", ") || "none given"}) are not supported`, at);
    if (typeof cc.tokenUrl !== "string")
      throw new SpecError(`the clientCredentials flow needs a tokenUrl`, `${at}/flows/clientCredentials`);
    const scopes = Array.isArray(requirement) && requirement.length ? requirement : Object.keys(cc.scopes ?? {});
    return {
      kind: "oauth2",
      scheme: name,
      tokenUrl: cc.tokenUrl,
      scope: scopes.join(" "),
      ...clientOption(s["x-client-option"], "clientCredentials", at),
    };
  }
  throw new SpecError(
    `security scheme "${name}" (type ${s.type}${s.scheme ? `, scheme ${s.scheme}` : ""}) cannot be built: supported are http bearer, http basic, apiKey (header, query), oauth2 clientCredentials and x-aws-sigv4`,
    at,
  );
}

/** Static credentials are listed (and checked) before those the client fetches itself. */
const ORDER: Record<SchemeModel["kind"], number> = { bearer: 0, apiKey: 0, basic: 0, oauth2: 1, sigv4: 2 };

function tsType(schema: any): string {
  const t = schema?.type;
  if (t === "integer" || t === "number") return "number";
  if (t === "boolean") return "boolean";
  return "string";
}

function clientParams(doc: Json): ClientParamModel[] {
  const out = new Map<string, ClientParamModel>();
  const read = (raw: any, at: string) => {
    const p = deref(doc, raw);
    const ext = p?.["x-client-parameter"];
    if (ext === undefined) return;
    const where = `${at}/x-client-parameter`;
    if (!ext || typeof ext !== "object")
      throw new SpecError(`x-client-parameter must be an object ({ option, required } or { default: uuid })`, where);
    const key = inputKey(p.name, p.in);
    if (out.has(`${p.in}:${p.name}`)) return;
    const model: ClientParamModel = { key, name: p.name, in: p.in, ...(p.example !== undefined ? { example: p.example } : {}) };
    if (ext.option !== undefined) {
      if (typeof ext.option !== "string" || !IDENT.test(ext.option))
        throw new SpecError(`x-client-parameter option must be a camelCase name`, where);
      if (BASE_OPTIONS.includes(ext.option))
        throw new SpecError(`x-client-parameter option "${ext.option}" is already a client option`, where);
      model.option = {
        name: ext.option,
        required: ext.required === true,
        type: tsType(deref(doc, p.schema)),
        ...(typeof ext.description === "string" ? { description: ext.description.trim() } : {}),
      };
    }
    if (ext.default !== undefined) {
      if (ext.default !== "uuid") throw new SpecError(`x-client-parameter default "${ext.default}" is not supported (only "uuid")`, where);
      model.default = "uuid";
    }
    if (!model.option && !model.default) throw new SpecError(`x-client-parameter needs an option or a default`, where);
    out.set(`${p.in}:${p.name}`, model);
  };
  for (const [name, raw] of Object.entries<any>(doc.components?.parameters ?? {})) read(raw, `#/components/parameters/${name}`);
  for (const [path, item] of Object.entries<any>(doc.paths ?? {})) {
    const base = `#/paths/${path.replace(/~/g, "~0").replace(/\//g, "~1")}`;
    for (const [i, raw] of (deref(doc, item)?.parameters ?? []).entries()) read(raw, `${base}/parameters/${i}`);
    for (const [method, op] of Object.entries<any>(deref(doc, item) ?? {}))
      if (op && typeof op === "object" && Array.isArray(op.parameters))
        for (const [i, raw] of op.parameters.entries()) read(raw, `${base}/${method}/parameters/${i}`);
  }
  return [...out.values()];
}

/** Read and check what the factory is built from (errors carry a pointer, mapped to file:line by the caller). */
export function clientModel(doc: Json, api: ApiOut): ClientModel {
  const rawName = doc["x-client-name"];
  if (rawName !== undefined && (typeof rawName !== "string" || !/^[A-Z][A-Za-z0-9]*$/.test(rawName)))
    throw new SpecError(`x-client-name must be a PascalCase name (e.g. CloudCockpit)`, "#/x-client-name");
  const security: unknown = doc.security;
  if (!Array.isArray(security) || security.length === 0)
    throw new SpecError(`the spec declares no top-level security: list the security requirement(s) the client sends`, "#/security");
  const alternatives: SchemeModel[] = security.map((req: Json, i: number) => {
    const names = Object.keys(req ?? {});
    if (names.length !== 1)
      throw new SpecError(
        names.length === 0
          ? `an empty security requirement (anonymous access) is not supported`
          : `a security requirement with several schemes (${names.join(" AND ")}) is not supported: list them as alternatives`,
        `#/security/${i}`,
      );
    return schemeModel(doc, names[0]!, req[names[0]!]);
  });
  if (alternatives.some((a) => a.kind === "sigv4") && alternatives.length > 1)
    throw new SpecError(`x-aws-sigv4 cannot be combined with other security alternatives`, "#/security");
  const options = alternatives.filter((a) => a.kind !== "sigv4").map((a) => a.option);
  const dup = options.find((o, i) => options.indexOf(o) !== i);
  if (dup) throw new SpecError(`two security alternatives use the client option "${dup}": name one with x-client-option`, "#/security");
  const params = clientParams(doc);
  for (const p of params)
    if (p.option && (options.includes(p.option.name) || (p.option.name === "password" && alternatives.some((a) => a.kind === "basic"))))
      throw new SpecError(`x-client-parameter option "${p.option.name}" is also a credential option`, "#/components/parameters");
  return {
    name: rawName ?? pascalId(api.id),
    title: api.title,
    alternatives: [...alternatives].sort((a, b) => ORDER[a.kind] - ORDER[b.kind]),
    params,
  };
}

const q = (s: string) => JSON.stringify(s);
const camel = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

function jsdoc(text: string, indent = ""): string {
  const lines = text.replace(/\*\//g, "*\\/").trim().split("\n");
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((l) => `${indent} *${l ? ` ${l}` : ""}`).join("\n")}\n${indent} */\n`;
}

const sentence = (s: string | undefined) => (s ? `${s.replace(/[.\s]+$/, "")}. ` : "");
const host = (url: string) => url.replace(/^https?:\/\//, "").replace(/\/.*$/, "");

/** The names the factory exports (also used by the descriptor and the README). */
export function names(model: ClientModel) {
  const N = model.name;
  return {
    client: `create${N}Client`,
    core: `create${N}Core`,
    options: `${N}ClientOptions`,
    clientType: `${N}Client`,
    coreType: `${N}Core`,
    credentials: `${N}ClientCredentials`,
    tokenProvider: `${camel(N)}TokenProvider`,
  };
}

/** What a user writes for each option (the README table and the options interface share it). */
export function optionDocs(model: ClientModel, api: ApiOut): { name: string; required: boolean; type: string; doc: string }[] {
  const n = names(model);
  const single = model.alternatives.length === 1;
  const others = (a: SchemeModel) =>
    single
      ? ""
      : ` Give this or ${model.alternatives
          .filter((b) => b !== a && b.kind !== "sigv4")
          .map((b) => `\`${b.kind === "sigv4" ? "" : b.option}\``)
          .join(" or ")}.`;
  const out: { name: string; required: boolean; type: string; doc: string }[] = [];
  const envs = api.servers.map((s, i) => `\`${s.environment}\` (${host(s.url)}${i === 0 ? ", default" : ""})`);
  out.push({
    name: "environment",
    required: false,
    type: `(typeof service.servers)[number]["environment"]`,
    doc: `The server from the spec: ${envs.length > 1 ? `${envs.slice(0, -1).join(", ")} or ${envs.at(-1)}` : envs[0]}.`,
  });
  for (const p of model.params) {
    if (!p.option) continue;
    out.push({
      name: p.option.name,
      required: p.option.required,
      type: p.option.type,
      doc: `${sentence(p.option.description)}Sent as the ${p.in === "header" ? `\`${p.name}\` header` : `\`${p.name}\` ${p.in} parameter`} on every call (a call's \`${p.key}\` overrides it).`,
    });
  }
  for (const a of model.alternatives) {
    switch (a.kind) {
      case "bearer":
        out.push({
          name: a.option,
          required: single,
          type: "TokenSource",
          doc: `${sentence(a.description ?? "A bearer token")}Sent as \`Authorization: Bearer <${a.option}>\` (a string, or a provider returning one).${others(a)}`,
        });
        break;
      case "apiKey":
        out.push({
          name: a.option,
          required: single,
          type: "TokenSource",
          doc: `${sentence(a.description)}${
            a.in === "header"
              ? `Sent as \`${a.param}: ${a.prefix}<${a.option}>\`${a.prefix ? " (verbatim: never re-encoded)" : ""}.`
              : `Sent as the \`${a.param}\` query parameter.`
          }${others(a)}`,
        });
        break;
      case "basic":
        out.push({
          name: "username",
          required: single,
          type: "string",
          doc: `${sentence(a.description)}HTTP Basic user name.${others(a)}`,
        });
        out.push({ name: "password", required: single, type: "TokenSource", doc: "HTTP Basic password (or a provider returning it)." });
        break;
      case "oauth2":
        out.push({
          name: a.option,
          required: single,
          type: n.credentials,
          doc: `${sentence(a.description)}The client fetches, caches and refreshes the OAuth2 token itself (\`${n.tokenProvider}\`).${others(a)}`,
        });
        break;
      case "sigv4":
        out.push({
          name: "region",
          required: false,
          type: "string",
          doc: "AWS region, e.g. `us-east-1`. Default: AWS_REGION / AWS_DEFAULT_REGION.",
        });
        out.push({
          name: "credentials",
          required: false,
          type: "AwsCredentialIdentity | AwsCredentialIdentityProvider",
          doc: "Static keys or a provider (`fromNodeProviderChain()` fits). Default: the AWS_* environment variables.",
        });
        break;
    }
  }
  return out;
}

/** The runtime auth of one alternative; `bang`: the option is optional in the type (one of several alternatives). */
function authExpr(a: Exclude<SchemeModel, { kind: "sigv4" }>, n: ReturnType<typeof names>, bang: boolean): string {
  const v = (name: string) => `${name}${bang ? "!" : ""}`;
  switch (a.kind) {
    case "bearer":
      return `bearerAuth(${v(a.option)}, ${q(a.option)})`;
    case "apiKey":
      return a.in === "query"
        ? `queryAuth(${q(a.param)}, ${v(a.option)}, ${q(a.option)})`
        : `headerAuth({ ${a.param === "Authorization" ? "" : `header: ${q(a.param)}, `}prefix: ${q(a.prefix)}, value: ${v(a.option)}, what: ${q(a.option)} })`;
    case "basic":
      return `basicAuth(${v("username")}, ${v("password")})`;
    case "oauth2":
      // The provider lists the client secret and every token it fetched: all are redacted from errors and logs.
      return `tokenAuth(${n.tokenProvider}(${v(a.option)}))`;
  }
}

/** `packages/<id>/src/generated/client.ts`: the factory, its options and client types, re-exports of the package. */
export function emitClient(model: ClientModel, api: ApiOut, specPath: string): string {
  const n = names(model);
  const N = model.name;
  const aws = model.alternatives[0]?.kind === "sigv4";
  const oauth = model.alternatives.find((a) => a.kind === "oauth2");
  const creds = model.alternatives.filter((a): a is Exclude<SchemeModel, { kind: "sigv4" }> => a.kind !== "sigv4");
  const defaults = model.params.map((p) => p.key);
  const D = defaults.length ? "ClientDefaults" : "never";
  const cancel = Object.keys(api.operations).find((id) => /^cancel/i.test(id)) ?? Object.keys(api.operations)[0]!;

  const runtime = new Set(["type ApiClient", "type BaseClient", "type BaseClientOptions"]);
  const internal = new Set(["createApiClient"]);
  if (!aws) internal.add("type ClientCoreConfig");
  for (const a of creds) {
    if (a.kind === "bearer" || a.kind === "oauth2") runtime.add("bearerAuth");
    if (a.kind === "apiKey") (a.in === "query" ? internal : runtime).add(a.in === "query" ? "queryAuth" : "headerAuth");
    if (a.kind === "basic") internal.add("basicAuth");
    if (a.kind !== "oauth2") runtime.add("type TokenSource");
  }
  if (oauth) runtime.add("clientCredentialsProvider").add("type FetchFn");
  if (creds.length > 1) runtime.add("ValidationError").add("type Auth");

  const out: string[] = [header(api.id, specPath)];
  out.push(`import { ${[...runtime].join(", ")} } from "@subscription-apis/runtime";`);
  out.push(`import { ${[...internal].join(", ")} } from "@subscription-apis/runtime/internal";`);
  if (aws) out.push(`import { awsClientConfig, type AwsClientOptions } from "@subscription-apis/runtime/sigv4";`);
  out.push(`import { allOperations, service, type Operations } from "./api.js";`);
  out.push(`import type { paths } from "./schema.js";\n`);
  out.push(`export * from "./api.js";`);
  out.push(`export type { components, operations, paths } from "./schema.js";`);
  out.push(`export * from "@subscription-apis/runtime/errors";`);
  out.push(`export { rawClient, type RawClientOptions } from "@subscription-apis/runtime/raw";`);
  if (aws) out.push(`export type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@subscription-apis/runtime/sigv4";`);
  out.push("");

  if (oauth) {
    out.push(
      `${jsdoc(`Credentials of the OAuth2 client-credentials flow \`${oauth.scheme}\` (token URL and scope come from the spec).`)}export interface ${n.credentials} {\n  clientId: string;\n  clientSecret: string;\n  /** Override the documented token URL (tests, sovereign clouds). */\n  tokenUrl?: string;\n  fetch?: FetchFn;\n}\n`,
    );
  }

  const opts = optionDocs(model, api).filter((o) => !aws || (o.name !== "region" && o.name !== "credentials"));
  const fields = opts.map((o) => `${jsdoc(o.doc, "  ")}  ${o.name}${o.required ? "" : "?"}: ${o.type};`);
  fields.push("  throwOnError?: TThrow;");
  out.push(
    `${jsdoc(`Options of \`${n.client}\` and \`${n.core}\`.`)}export interface ${n.options}<TThrow extends boolean = false> extends BaseClientOptions${aws ? ", AwsClientOptions" : ""} {\n${fields.join("\n")}\n}\n`,
  );
  if (defaults.length)
    out.push(
      `/** Client-level inputs: optional per call (the client sends them on every call). */\ntype ClientDefaults = ${defaults.map(q).join(" | ")};\n`,
    );
  out.push(
    `export type ${n.clientType}<TThrow extends boolean = false> = ApiClient<Operations<TThrow${defaults.length ? ", ClientDefaults" : ""}>, paths, TThrow${defaults.length ? ", ClientDefaults" : ""}>;\n`,
  );
  out.push(
    `/** A client without operation methods: call the operations you import as functions, \`${cancel}(client, input)\`. */\nexport type ${n.coreType}<TThrow extends boolean = false> = BaseClient<paths, TThrow, ${D}>;\n`,
  );

  if (oauth) {
    out.push(
      `/** OAuth2 client-credentials token provider for ${N} (\`${oauth.scheme}\`): cached, refreshed 5 minutes before expiry. */\nexport function ${n.tokenProvider}(credentials: ${n.credentials}) {\n  return clientCredentialsProvider({\n    tokenUrl: credentials.tokenUrl ?? service.securitySchemes[${q(oauth.scheme)}].tokenUrl,\n    scope: ${q(oauth.scope)},\n    clientId: credentials.clientId,\n    clientSecret: credentials.clientSecret,\n    ...(credentials.fetch ? { fetch: credentials.fetch } : {}),\n  });\n}\n`,
    );
    out.push(
      `/** Bearer auth from a token provider; the provider's client secret and every token it fetched are redacted from errors and logs. */\nconst tokenAuth = (provider: ReturnType<typeof ${n.tokenProvider}>) => bearerAuth(provider, "token", provider.secrets);\n`,
    );
  }

  let config: string;
  if (aws) {
    config = "awsClientConfig(service, options)";
  } else {
    const optionNames = [
      ...model.params.flatMap((p) => (p.option ? [p.option.name] : [])),
      ...creds.flatMap((a) => (a.kind === "basic" ? ["username", "password"] : [a.option])),
    ];
    const body: string[] = [`  const { ${optionNames.join(", ")}, ...rest } = options;`];
    if (creds.length === 1) {
      body.push(`  const auth = ${authExpr(creds[0]!, n, false)};`);
    } else {
      const given = (a: (typeof creds)[number]) => (a.kind === "basic" ? "username" : a.option);
      const list = creds.map((a) => `\`${given(a)}\``);
      body.push(
        `  if ([${creds.map(given).join(", ")}].filter((v) => v !== undefined).length !== 1) {\n    throw new ValidationError("client", ${q(given(creds[0]!))}, "required", ${q(`pass exactly one of ${list.slice(0, -1).join(", ")} or ${list.at(-1)}`)});\n  }`,
      );
      body.push("  let auth: Auth;");
      creds.forEach((a, i) => {
        body.push(`  ${i ? "else " : ""}${i === creds.length - 1 ? "" : `if (${given(a)} !== undefined) `}auth = ${authExpr(a, n, true)};`);
      });
    }
    const pd = model.params.map((p) => {
      const value = p.option ? p.option.name : "() => globalThis.crypto.randomUUID()";
      return p.option && p.option.name === p.key ? p.key : `${/^[A-Za-z_$][\w$]*$/.test(p.key) ? p.key : q(p.key)}: ${value}`;
    });
    body.push(`  return { ...rest, auth${pd.length ? `, paramDefaults: { ${pd.join(", ")} }` : ""} };`);
    out.push(`function config(options: ${n.options}<boolean>): ClientCoreConfig {\n${body.join("\n")}\n}\n`);
    config = "config(options)";
  }
  const param = `options: ${n.options}<TThrow>${aws ? " = {}" : ""}`;
  const sends = [
    ...model.params.map((p) =>
      p.option ? `\`${p.name}\`` : `an \`${p.name}\` (a fresh ${p.default === "uuid" ? "UUID" : "value"} unless you pass \`${p.key}\`)`,
    ),
  ];
  const about = aws
    ? `A client for the ${model.title}, signed with SigV4 (signing name \`${(model.alternatives[0] as { signingName: string }).signingName}\` from the spec). Every retry is re-signed.\n\`region\` and \`credentials\` default to AWS_REGION and the AWS_* key variables.`
    : `A client for the ${model.title}.${sends.length ? ` Every call carries ${sends.join(" and ")}.` : ""}`;
  out.push(
    `${jsdoc(about)}export function ${n.client}<TThrow extends boolean = false>(${param}): ${n.clientType}<TThrow> {\n  return createApiClient(service, allOperations, ${config});\n}\n`,
  );
  out.push(
    `${jsdoc(`The same client without operation methods, for bundles that call a few operations: import those\n(\`${cancel}(client, input)\`) and a bundler leaves the others out. Same options, same results.`)}export function ${n.core}<TThrow extends boolean = false>(${param}): ${n.coreType}<TThrow> {\n  return createApiClient(service, {}, ${config});\n}\n`,
  );
  return out.join("\n");
}
