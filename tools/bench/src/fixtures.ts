/**
 * Every API's client as a consumer uses it (the public factory, with the fake options of its generated descriptor),
 * and the same call through plain openapi-fetch and through a bare `fetch`. The call is each API's cancel operation
 * with the spec's example input and example response (the descriptor's), so the harness follows the specs.
 */
import { pathToFileURL } from "node:url";
import createClient from "openapi-fetch";
import type { ApiDescriptor } from "@subscription-apis/runtime/internal";
import { loadDescriptors } from "@subscription-apis/test-kit/workspace";
import { findRepoRoot, requireHere } from "./common.js";

/** An API id of redocly.yaml. */
export type ClientId = string;
const descriptors = await loadDescriptors(findRepoRoot());
/** Every API of redocly.yaml, in its order. */
export const CLIENT_IDS: readonly ClientId[] = descriptors.map((d) => d.id);
/** Each package's generated `api` (its operations' parameter tables: input key, name, location). */
type Params = { name: string; in: string; key: string }[];
const generatedApis = new Map<ClientId, { operations: Record<string, { params: Params }> }>();
for (const d of descriptors) generatedApis.set(d.id, (await import(pathToFileURL(requireHere.resolve(d.packageName)).href)).api);

/** The generated descriptor of an API (factories, fake options, auth, operations with examples). */
export function descriptorOf(id: ClientId): ApiDescriptor {
  const d = descriptors.find((x) => x.id === id);
  if (!d) throw new Error(`${id} is not an API of redocly.yaml (known: ${CLIENT_IDS.join(", ")})`);
  return d;
}

export const isAws = (id: ClientId) => descriptorOf(id).protocol === "aws-rest-json";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Where = "path" | "query" | "header";

/**
 * The benchmarked call of an API: its cancel operation with the spec's example input (as our client takes it, and by
 * location and name for openapi-fetch and the bare fetch) and example response (the stub's body, "" for none).
 */
export function documented(id: ClientId) {
  const d = descriptorOf(id);
  const op = d.operations[d.cancelOperation]!;
  const input = op.exampleInput as Record<string, Json>;
  // Where each input key goes on the wire (the generated operation's parameter table); a client-level parameter
  // (CloudCockpit's `tenant`) comes from the factory options.
  const options = d.fakeOptions("") as Record<string, Json>;
  const params: Record<Where, Record<string, Json>> = { path: {}, query: {}, header: {} };
  let body: Record<string, Json> | undefined;
  for (const p of generatedApis.get(id)!.operations[op.name]!.params) {
    const value = input[p.key] ?? options[p.key];
    if (value === undefined) continue;
    if (p.in === "body") (body ??= {})[p.name] = value;
    else params[p.in as Where][p.name] = value;
  }
  const { name: operationId, path, exampleResponse: res } = op;
  const method: string = op.method;
  return {
    operationId,
    method,
    path,
    status: res.status,
    successBody: res.body === undefined ? "" : JSON.stringify(res.body),
    params,
    body,
    input,
  };
}
export type Documented = ReturnType<typeof documented>;

export const CANNED_HEADERS = { "content-type": "application/json", "x-amzn-requestid": "c0ffee00-0000-4000-8000-000000000000" };

/** A `fetch` that never touches the network: a fresh `Response` with the documented success body per call. */
export const stubFetch = (d: Documented, onRequest?: (req: Request) => void) => (req: Request) => {
  onRequest?.(req);
  return Promise.resolve(new Response(d.successBody || null, { status: d.status, headers: CANNED_HEADERS }));
};

/**
 * openapi-fetch's init for the documented call. A value the API accepts in the query or the body (Mayar's
 * `productId`) goes where our client sends it by default: the body.
 */
export function plainInit(d: Documented): { params: Partial<Record<Where, Record<string, Json>>>; body?: Record<string, Json> } {
  const query = Object.fromEntries(Object.entries(d.params.query).filter(([k]) => !(d.body && k in d.body)));
  const params = Object.fromEntries(Object.entries({ ...d.params, query }).filter(([, v]) => Object.keys(v).length)) as Partial<
    Record<Where, Record<string, Json>>
  >;
  return d.body ? { params, body: d.body } : { params };
}

/**
 * The three ways of making one documented call against the stub: `ours` (the public factory), `openapiFetch` (plain
 * `createClient`, same path, params, headers and body) and `rawFetch` (a bare `fetch`, body parsed: the floor).
 */
export function callSet(id: ClientId) {
  const desc = descriptorOf(id);
  const doc = documented(id);
  const fetch = stubFetch(doc);
  const { baseUrl: _, ...fake } = desc.fakeOptions("") as Record<string, unknown>;
  const client = desc.createClient({ ...fake, fetch });
  // Plain openapi-fetch and the bare fetch send the Authorization header ours sends (AWS requests go unsigned).
  const auth: Record<string, string> = desc.auth.kind === "header" ? { [desc.auth.header]: desc.auth.value } : {};
  const baseUrl: string = client.baseUrl ?? "https://example.invalid";
  const init = plainInit(doc);
  const verb = doc.method.toUpperCase();
  const plain = createClient<any>({ baseUrl, fetch, headers: auth }) as any;

  const query = new URLSearchParams(init.params.query as Record<string, string> | undefined).toString();
  const path = doc.path.replace(/\{([^}]+)\}/g, (_m, n: string) => encodeURIComponent(String(doc.params.path[n])));
  const url = `${baseUrl}${path}${query ? `?${query}` : ""}`;
  const body = doc.body ? JSON.stringify(doc.body) : undefined;
  const headers = { ...auth, ...(body ? { "content-type": "application/json" } : {}), ...(doc.params.header as Record<string, string>) };
  const rawFetch = async () => {
    const text = await (await fetch(new Request(url, { method: verb, headers, body }))).text();
    return text ? JSON.parse(text) : undefined;
  };
  const ours = (): Promise<unknown> => client[doc.operationId](doc.input);
  return { id, doc, ours, openapiFetch: (): Promise<unknown> => plain[verb](doc.path, init), rawFetch };
}
export type CallSet = ReturnType<typeof callSet>;

/** Call each way once and check it returned the documented data (a benchmark of a failing call is worthless). */
export async function verify(set: CallSet): Promise<void> {
  const expected = set.doc.successBody || undefined;
  const ours = (await set.ours()) as { data?: unknown; error?: { message?: string } };
  const plain = (await set.openapiFetch()) as { data?: unknown; response: Response };
  const failures = [
    ours.error !== undefined && `our ${set.doc.operationId} returned an error: ${ours.error.message}`,
    JSON.stringify(ours.data) !== expected && `our ${set.doc.operationId} did not return the documented body`,
    !plain.response.ok && `openapi-fetch's call failed (${plain.response.status})`,
    expected !== undefined && JSON.stringify(plain.data) !== expected && "openapi-fetch did not return the documented body",
    JSON.stringify(await set.rawFetch()) !== expected && "the bare fetch did not return the documented body",
  ].filter(Boolean);
  if (failures.length) throw new Error(`${set.id}: ${failures.join("; ")}`);
}
