/**
 * Every API's client as a consumer uses it (the public factories from each package's dist), and the
 * same call through plain openapi-fetch and through a bare `fetch`. Inputs and the canned success body
 * are the documented examples of each spec (read from the package's own `openapi.json`), so the harness
 * follows the specs instead of hard-coding vendor payloads.
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import createClient from "openapi-fetch";
import { pathToFileURL } from "node:url";
import { type DocsApi, fakeClientOptions, loadDocsApis } from "@subscription-apis/docs";
import { deref, loadRegistry } from "@subscription-apis/test-kit/workspace";
import { benchDir, findRepoRoot } from "./common.js";

/** An API id of redocly.yaml. */
export type ClientId = string;
/** Every API of redocly.yaml, in its order. */
export const CLIENT_IDS: readonly ClientId[] = (await loadRegistry(findRepoRoot())).apis.map((a) => a.id);

const requireHere = createRequire(join(benchDir, "package.json"));
const modules = new Map<ClientId, Record<string, any>>();
for (const id of CLIENT_IDS) modules.set(id, await import(pathToFileURL(requireHere.resolve(`@subscription-apis/${id}`)).href));
const docsApis = await loadDocsApis(findRepoRoot());

/** The API as the docs see it: its factory and options (for a client with fake credentials, see `fakeClientOptions`). */
export function docsApiOf(id: ClientId): DocsApi {
  const api = docsApis.find((a) => a.id === id);
  if (!api) throw new Error(`${id} is not an API of redocly.yaml (known: ${CLIENT_IDS.join(", ")})`);
  return api;
}

/** The client package of an API, as a consumer imports it (its dist). */
export function clientModule(id: ClientId): Record<string, any> {
  const mod = modules.get(id);
  if (!mod) throw new Error(`${id} is not an API of redocly.yaml (known: ${CLIENT_IDS.join(", ")})`);
  return mod;
}

/** The API signs with SigV4 (the AWS protocol of its generated `api`). */
export const isAws = (id: ClientId) => String(clientModule(id).api.protocol).startsWith("aws");

/** Same static credentials for our SigV4 and the AWS SDK's (AWS's documented example keys). */
export const AWS_CREDENTIALS = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
} as const;
export const AWS_REGION = "us-east-1";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Doc = Record<string, any>;

export function loadSpec(id: ClientId): Doc {
  return requireHere(`@subscription-apis/${id}/openapi.json`) as Doc;
}

function exampleOf(doc: Doc, holder: any): Json | undefined {
  const h = deref(doc, holder);
  if (!h) return undefined;
  if (h.example !== undefined) return h.example as Json;
  const first = h.examples && Object.values(h.examples)[0];
  if (first !== undefined) return (deref(doc, first) as { value?: Json }).value;
  if (h.schema) {
    const s = deref(doc, h.schema);
    if (s?.example !== undefined) return s.example as Json;
    if (Array.isArray(s?.examples) && s.examples.length) return s.examples[0] as Json;
  }
  return undefined;
}

export interface Documented {
  operationId: string;
  method: string;
  path: string;
  status: number;
  /** The documented success body, as sent by the stub (empty string for a bodiless success). */
  successBody: string;
  successJson: Json | undefined;
  /** Parameter examples by spec location and name. */
  params: { path: Record<string, Json>; query: Record<string, Json>; header: Record<string, Json> };
  body: Record<string, Json> | undefined;
}

/**
 * The benchmarked call of each spec, with its documented examples: its cancel operation (the call the benchmarks
 * compare across vendors), else its first operation.
 */
export function documented(id: ClientId): Documented {
  const doc = loadSpec(id);
  const ops = Object.values(doc.paths as Record<string, any>).flatMap((raw) =>
    ["get", "put", "post", "delete", "patch"].map((m) => deref(doc, raw)[m]?.operationId as string | undefined),
  );
  const wanted = ops.find((o) => o?.startsWith("cancel")) ?? ops.find(Boolean);
  for (const [path, rawItem] of Object.entries(doc.paths as Record<string, any>)) {
    const item = deref(doc, rawItem);
    for (const method of ["get", "put", "post", "delete", "patch"]) {
      const op = item[method];
      if (!op?.operationId || op.operationId !== wanted) continue;
      const params: Documented["params"] = { path: {}, query: {}, header: {} };
      for (const raw of [...(item.parameters ?? []), ...(op.parameters ?? [])]) {
        const p = deref(doc, raw);
        const ex = exampleOf(doc, p);
        if (ex === undefined) throw new Error(`${id}: parameter ${p.name} has no example`);
        if (p.in === "path" || p.in === "query" || p.in === "header") params[p.in as "path"][p.name] = ex;
      }
      const body = op.requestBody
        ? (exampleOf(doc, deref(doc, op.requestBody).content?.["application/json"]) as Record<string, Json>)
        : undefined;
      const statusKey = Object.keys(op.responses).find((s) => /^2\d\d$/.test(s));
      if (!statusKey) throw new Error(`${id}: ${op.operationId} documents no 2xx response`);
      const resp = deref(doc, op.responses[statusKey]);
      const json = resp.content?.["application/json"] ? exampleOf(doc, resp.content["application/json"]) : undefined;
      return {
        operationId: op.operationId,
        method,
        path,
        status: Number(statusKey),
        successBody: json === undefined ? "" : JSON.stringify(json),
        successJson: json,
        params,
        body,
      };
    }
  }
  throw new Error(`${id}: no operation in the spec`);
}

/** A `fetch` that never touches the network: a fresh `Response` with the documented success body per call. */
export function stubFetch(d: Pick<Documented, "status" | "successBody">, extraHeaders: Record<string, string> = {}) {
  const headers = { "content-type": "application/json", "x-amzn-requestid": "c0ffee00-0000-4000-8000-000000000000", ...extraHeaders };
  const body = d.successBody === "" ? null : d.successBody;
  const fn = (_input: Request | string | URL, _init?: RequestInit): Promise<Response> =>
    Promise.resolve(new Response(body, { status: d.status, headers }));
  return fn;
}

export interface CallSet {
  id: ClientId;
  doc: Documented;
  /** The operation through our client (public factory, stubbed `fetch`). */
  ours: () => Promise<unknown>;
  /** The same path and request through plain openapi-fetch (`createClient<paths>`), same stub. */
  openapiFetch: () => Promise<unknown>;
  /** A bare `fetch` of the same request against the same stub, body parsed: the floor. */
  rawFetch: () => Promise<unknown>;
  /** The input object passed to our operation method. */
  input: Record<string, unknown>;
}

/** Our client's input from the documented examples (keys per the generated `api` param table). */
function ourInput(api: { operations: Record<string, { params: readonly { name: string; in: string; key: string }[] }> }, d: Documented) {
  const op = api.operations[d.operationId];
  if (!op) throw new Error(`no operation ${d.operationId} in the generated api`);
  const input: Record<string, unknown> = {};
  for (const p of op.params) {
    const v = p.in === "body" ? d.body?.[p.name] : d.params[p.in as "path"]?.[p.name];
    if (v !== undefined && input[p.key] === undefined) input[p.key] = v;
  }
  return input;
}

/**
 * openapi-fetch's init for the documented call. A value the API accepts in the query or the body (Mayar's
 * `productId`) goes where our client sends it by default: the body.
 */
export function plainInit(d: Documented): {
  params: { path?: Record<string, Json>; query?: Record<string, Json>; header?: Record<string, Json> };
  body?: Record<string, Json>;
} {
  const params: { path?: Record<string, Json>; query?: Record<string, Json>; header?: Record<string, Json> } = {};
  if (Object.keys(d.params.path).length) params.path = d.params.path;
  const query = Object.fromEntries(Object.entries(d.params.query).filter(([k]) => !(d.body && k in d.body)));
  if (Object.keys(query).length) params.query = query;
  if (Object.keys(d.params.header).length) params.header = d.params.header;
  return d.body ? { params, body: d.body } : { params };
}

function expandPath(template: string, values: Record<string, Json>): string {
  return template.replace(/\{([^}]+)\}/g, (_, n: string) => encodeURIComponent(String(values[n])));
}

/** Build the three ways of making one documented call for a client. `fetchImpl` defaults to the stub. */
export function callSet(id: ClientId, opts: { fetch?: (input: Request) => Promise<Response>; baseUrl?: string } = {}): CallSet {
  const d = documented(id);
  const fetch = opts.fetch ?? stubFetch(d);
  const base = opts.baseUrl ? { baseUrl: opts.baseUrl } : {};
  // The client as the docs' TypeScript sample builds it, with fake credentials. Plain openapi-fetch and the bare
  // fetch send the Authorization header ours sent (captured on its first call; AWS requests go unsigned).
  const docsApi = docsApiOf(id);
  let authHeader: Record<string, string> | undefined = isAws(id) ? {} : undefined;
  const client = clientModule(id)[docsApi.factory.name]({
    ...fakeClientOptions(docsApi, loadSpec(id)).options,
    fetch: (req: Request) => {
      authHeader ??= { Authorization: req.headers.get("authorization") ?? "" };
      return fetch(req);
    },
    ...base,
  });
  // The resolved server URL the client exposes; else the spec's first server (region filled in).
  const baseUrl =
    (client.baseUrl as string | undefined) ??
    opts.baseUrl ??
    String(loadSpec(id).servers?.[0]?.url ?? "https://example.invalid").replace("{region}", AWS_REGION);
  const input = ourInput(clientModule(id).api as Parameters<typeof ourInput>[0], d);
  const method = d.operationId;
  const ours = () => client[method](input) as Promise<unknown>;
  const auth = async () => authHeader ?? (await ours(), authHeader ?? {});

  // Plain openapi-fetch: the same path, params, headers and body a hand-written caller would send (the
  // documented examples, as ours sends them).
  const plain = createClient<any>({ baseUrl, fetch });
  const verb = d.method.toUpperCase() as "GET";
  const init = plainInit(d);
  const openapiFetch = async () => (plain as any)[verb](d.path, { ...init, headers: await auth() }) as Promise<unknown>;

  const query = new URLSearchParams(init.params.query as Record<string, string> | undefined).toString();
  const url = baseUrl + expandPath(d.path, d.params.path) + (query ? `?${query}` : "");
  const bodyText = d.body ? JSON.stringify(d.body) : undefined;
  const rawFetch = async () => {
    const headers: Record<string, string> = { ...(await auth()), ...(bodyText ? { "content-type": "application/json" } : {}) };
    Object.assign(headers, d.params.header);
    const res = await fetch(new Request(url, { method: verb, headers, body: bodyText }));
    const text = await res.text();
    return text ? JSON.parse(text) : undefined;
  };
  return { id, doc: d, ours, openapiFetch, rawFetch, input };
}

/** Call each way once and check it really succeeded with the documented data (a benchmark of a failing call is worthless). */
export async function verify(set: CallSet): Promise<void> {
  const expected = set.doc.successJson;
  const ours = (await set.ours()) as { data?: unknown; error?: unknown };
  if (ours.error !== undefined)
    throw new Error(`${set.id}: our ${set.doc.operationId} returned an error: ${String((ours.error as Error).message ?? ours.error)}`);
  if (JSON.stringify(ours.data) !== JSON.stringify(expected))
    throw new Error(`${set.id}: our ${set.doc.operationId} did not return the documented body`);
  const plain = (await set.openapiFetch()) as { data?: unknown; error?: unknown; response: Response };
  if (!plain.response.ok) throw new Error(`${set.id}: openapi-fetch call failed (${plain.response.status})`);
  if (expected !== undefined && JSON.stringify(plain.data) !== JSON.stringify(expected))
    throw new Error(`${set.id}: openapi-fetch did not return the documented body`);
  const raw = await set.rawFetch();
  if (JSON.stringify(raw) !== JSON.stringify(expected)) throw new Error(`${set.id}: raw fetch did not return the documented body`);
}
