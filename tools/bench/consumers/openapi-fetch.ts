// openapi-fetch alone: one call with a plain client, the baseline of every API's one-operation consumer (bundle-size
// benchmark). What is called does not change what is bundled: openapi-fetch's client is one module.
import createClient from "openapi-fetch";

export function call(baseUrl: string, path: string, init: { params?: object; body?: object }, headers: Record<string, string>) {
  return (createClient({ baseUrl, headers }).POST as (p: string, i: object) => Promise<unknown>)(path, init);
}
