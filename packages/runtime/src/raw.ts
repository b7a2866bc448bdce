/**
 * The raw client: openapi-fetch, typed by path, sending through the client's auth, retries and timeouts.
 * Also a separate entry point (`./raw`); bundlers drop it (and openapi-fetch) from clients that never make raw calls.
 */
import createClient, { type Client, type Middleware } from "openapi-fetch";
import { CORE, type BaseClient } from "./client.js";

export interface RawClientOptions {
  /** openapi-fetch middleware: runs once per call, before auth, retries and timeouts. */
  middleware?: Middleware[];
}

/** An openapi-fetch client for any path of the API (`raw.DELETE("/applications/{applicationId}/…", { params })`). */
export function rawClient<Paths extends {}>(client: BaseClient<Paths, boolean, string>, options: RawClientOptions = {}): Client<Paths> {
  const core = client[CORE];
  const raw = createClient<Paths>({ baseUrl: core.baseUrl, headers: core.headers, fetch: core.rawFetch });
  for (const m of options.middleware ?? []) raw.use(m);
  return raw;
}
