/**
 * Every API's client as a consumer uses it (the public factory, with the fake options of its generated descriptor),
 * and the same call through plain openapi-fetch and through a bare `fetch`. The call is each API's cancel operation
 * with the spec's example input and example response (the descriptor's), so the harness follows the specs.
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import createClient from "openapi-fetch";
import type { ApiDescriptor } from "@subscription-apis/runtime/internal";
import { loadDescriptors } from "@subscription-apis/test-kit/workspace";
import { benchDir, findRepoRoot } from "./common.js";

/** An API id of redocly.yaml. */
export type ClientId = string;
const descriptors = await loadDescriptors(findRepoRoot());
/** Every API of redocly.yaml, in its order. */
export const CLIENT_IDS: readonly ClientId[] = descriptors.map((d) => d.id);
/** Each package's generated `api` (its operations' parameter tables: input key, name, location). */
const requireHere = createRequire(join(benchDir, "package.json"));
const generatedApis = new Map<ClientId, { operations: Record<string, { params: { name: string; in: string; key: string }[] }> }>();
for (const d of descriptors) generatedApis.set(d.id, (await import(pathToFileURL(requireHere.resolve(d.packageName)).href)).api);

/** The generated descriptor of an API (factories, fake options, auth, operations with examples). */
export function descriptorOf(id: ClientId): ApiDescriptor {
  const d = descriptors.find((x) => x.id === id);
  if (!d) throw new Error(`${id} is not an API of redocly.yaml (known: ${CLIENT_IDS.join(", ")})`);
  return d;
}

/** The API signs with SigV4 (the AWS protocol). */
export const isAws = (id: ClientId) => descriptorOf(id).protocol === "aws-rest-json";

/** Same static credentials for our SigV4 and the AWS SDK's (AWS's documented example keys). */
export const AWS_CREDENTIALS = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
} as const;
export const AWS_REGION = "us-east-1";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export interface Documented {
  operationId: string;
  method: string;
  path: string;
  status: number;
  /** The documented success body, as sent by the stub (empty string for a bodiless success). */
  successBody: string;
  successJson: Json | undefined;
  /** The example input by spec location and name (for openapi-fetch and the bare fetch). */
  params: { path: Record<string, Json>; query: Record<string, Json>; header: Record<string, Json> };
  body: Record<string, Json> | undefined;
  /** The example input, as our client takes it. */
  input: Record<string, unknown>;
}

/** The benchmarked call of an API: its cancel operation (else its first), with the spec's example input and response. */
export function documented(id: ClientId): Documented {
  const d = descriptorOf(id);
  const op = d.operations[d.cancelOperation]!;
  const input = op.exampleInput as Record<string, Json>;
  // Where each input key goes on the wire (the generated operation's parameter table).
  const params: Documented["params"] = { path: {}, query: {}, header: {} };
  let body: Record<string, Json> | undefined;
  for (const p of generatedApis.get(id)!.operations[op.name]!.params) {
    const v = input[p.key];
    if (v === undefined) continue;
    if (p.in === "body") (body ??= {})[p.name] = v;
    else params[p.in as "path"][p.name] = v;
  }
  const json = op.exampleResponse.body as Json | undefined;
  return {
    operationId: op.name,
    method: op.method,
    path: op.path,
    status: op.exampleResponse.status,
    successBody: json === undefined ? "" : JSON.stringify(json),
    successJson: json,
    params,
    body,
    input,
  };
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

/** Build the three ways of making one documented call for a client. `fetch` defaults to the stub. */
export function callSet(id: ClientId, opts: { fetch?: (input: Request) => Promise<Response>; baseUrl?: string } = {}): CallSet {
  const desc = descriptorOf(id);
  const d = documented(id);
  const fetch = opts.fetch ?? stubFetch(d);
  const { baseUrl: _, ...fake } = desc.fakeOptions("") as Record<string, unknown>;
  const client = desc.createClient({ ...fake, fetch, ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}) }) as Record<
    string,
    (input: unknown) => Promise<unknown>
  > & { baseUrl?: string };
  // Plain openapi-fetch and the bare fetch send the Authorization header ours sends (AWS requests go unsigned).
  const authHeader: Record<string, string> = desc.auth.kind === "header" ? { [desc.auth.header]: desc.auth.value } : {};
  const baseUrl = client.baseUrl ?? opts.baseUrl ?? "https://example.invalid";
  const input = d.input;
  const ours = () => client[d.operationId]!(input);

  // Plain openapi-fetch: the same path, params, headers and body a hand-written caller would send.
  const plain = createClient<any>({ baseUrl, fetch, headers: authHeader });
  const verb = d.method.toUpperCase() as "GET";
  const init = plainInit(d);
  const openapiFetch = () => (plain as any)[verb](d.path, init) as Promise<unknown>;

  const query = new URLSearchParams(init.params.query as Record<string, string> | undefined).toString();
  const url = baseUrl + expandPath(d.path, d.params.path) + (query ? `?${query}` : "");
  const bodyText = d.body ? JSON.stringify(d.body) : undefined;
  const rawFetch = async () => {
    const headers: Record<string, string> = { ...authHeader, ...(bodyText ? { "content-type": "application/json" } : {}) };
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
