/**
 * The one generic paginator behind the generated `paginate<Operation>` functions (from the spec's `x-pagination`).
 * Every page goes through the client's normal call path (validation, auth, retries, timeouts); iteration stops at
 * the end the response announces, without an extra request.
 */
import { CORE, type BaseClient, type CallOptions, type WithDefaults } from "./client.js";
import { InvalidResponseError } from "./errors.js";
import type { OperationDef, PaginationDef } from "./types.js";

/** The pages of a paginated call and, flattened, their items. Each call of `pages()`/`items()` starts again from the input. */
export interface Paginated<Page, Item> {
  /** Every page's success data, in order (the first page is requested when iteration starts). */
  pages(): AsyncGenerator<Page, void, undefined>;
  /** Every item of every page, in order. */
  items(): AsyncGenerator<Item, void, undefined>;
}

/** A generated paginator: `paginateListThings(client, input, options)`; an error page throws its typed `ApiError`. */
export type Paginator<I, D, Item> = <TThrow extends boolean = false, TDefaults extends string = never>(
  client: BaseClient<unknown, TThrow, TDefaults>,
  input: WithDefaults<I, TDefaults>,
  options?: CallOptions,
) => Paginated<D, Item>;

/** A value at a dotted path of a response body (`""`: the body itself). */
function at(body: unknown, path: string): unknown {
  if (path === "") return body;
  let cur = body;
  for (const part of path.split(".")) cur = cur !== null && typeof cur === "object" ? (cur as Record<string, unknown>)[part] : undefined;
  return cur;
}

function invalid(op: OperationDef, why: string): InvalidResponseError {
  return new InvalidResponseError(`${op.operationId}: ${why}`, 200, "");
}

/** Page through `op` as `pagination` describes (the generated paginators call it; see `x-pagination` in specs/README.md). */
export function paginate(
  client: BaseClient,
  op: OperationDef,
  pagination: PaginationDef,
  input: Readonly<Record<string, unknown>> = {},
  options?: CallOptions,
): Paginated<unknown, unknown> {
  const p = pagination;
  async function* pages(): AsyncGenerator<unknown, void, undefined> {
    const next: Record<string, unknown> = { ...input };
    const size = p.pageSize === undefined ? undefined : next[p.pageSize];
    const cursorKey = p.inputToken ?? p.page ?? p.offset;
    if (p.page !== undefined) next[p.page] ??= p.firstPage ?? 1;
    if (p.offset !== undefined) next[p.offset] ??= 0;
    for (;;) {
      const result = await client[CORE].call(op, next, options);
      if (result.error) throw result.error;
      const data = result.data;
      const items = at(data, p.items);
      if (!Array.isArray(items)) throw invalid(op, `the page's items (${p.items || "the body"}) are not an array`);
      yield data;
      if (p.hasMore !== undefined && at(data, p.hasMore) === false) return;
      if (p.outputToken !== undefined) {
        const token = at(data, p.outputToken);
        if (token === undefined || token === null || token === "") return;
        if (cursorKey !== undefined && token === next[cursorKey]) throw invalid(op, "the same page token was returned twice");
        if (cursorKey !== undefined) next[cursorKey] = token;
        continue;
      }
      // page / offset: no token, so the end is an empty or short page, or the totals the response gives.
      if (items.length === 0 || (typeof size === "number" && items.length < size)) return;
      const total = p.total === undefined ? undefined : at(data, p.total);
      const totalPages = p.totalPages === undefined ? undefined : at(data, p.totalPages);
      if (p.page !== undefined) {
        const index = (next[p.page] as number) - (p.firstPage ?? 1); // 0-based index of the page just read
        if (typeof totalPages === "number" && index + 1 >= totalPages) return;
        if (typeof total === "number" && typeof size === "number" && (index + 1) * size >= total) return;
      } else if (p.offset !== undefined && typeof total === "number" && (next[p.offset] as number) + items.length >= total) return;
      if (p.page !== undefined) next[p.page] = (next[p.page] as number) + 1;
      else if (p.offset !== undefined) next[p.offset] = (next[p.offset] as number) + items.length;
      else return;
    }
  }
  async function* items(): AsyncGenerator<unknown, void, undefined> {
    for await (const page of pages()) yield* at(page, p.items) as unknown[];
  }
  return { pages, items };
}
