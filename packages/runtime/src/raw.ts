/**
 * The raw client: openapi-fetch, typed by path, sending through the client's auth, retries and timeouts.
 * Also a separate entry point (`./raw`); bundlers drop it (and openapi-fetch) from clients that never make raw calls.
 */
import createClient, { type Client, type Middleware } from "openapi-fetch";
import { CORE, type BaseClient, type ClientCore } from "./client.js";
import type { OperationDef } from "./types.js";

export interface RawClientOptions {
  /** openapi-fetch middleware: runs once per call, before auth, retries and timeouts. */
  middleware?: Middleware[];
}

/** An openapi-fetch client for any path of the API (`raw.DELETE("/applications/{applicationId}/…", { params })`). */
export function rawClient<Paths extends {}>(client: BaseClient<Paths, boolean, string>, options: RawClientOptions = {}): Client<Paths> {
  const core = client[CORE];
  const raw = createClient<Paths>({ baseUrl: core.baseUrl, headers: core.headers, fetch: (request) => rawFetch(core, request) });
  for (const m of options.middleware ?? []) raw.use(m);
  return raw;
}

/** Raw calls get the client's auth, retries and timeouts, with a method-based policy (POST and PATCH are not repeated). */
async function rawFetch(core: ClientCore, request: Request): Promise<Response> {
  const method = request.method.toLowerCase() as OperationDef["method"];
  const url = new URL(request.url);
  const op: OperationDef = {
    operationId: `${request.method} ${url.pathname}`,
    method,
    path: "",
    idempotent: method !== "post" && method !== "patch",
    params: [],
    success: [],
    errors: {},
  };
  const body = request.body === null ? undefined : await request.text();
  const outcome = await core.send(op, { signal: request.signal }, { url, method: request.method, headers: request.headers, body });
  return outcome.response;
}
