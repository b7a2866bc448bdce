// openapi-fetch alone: the same one-operation consumer (Mayar's cancel) with a plain typed client (bundle-size benchmark).
import createClient from "openapi-fetch";
import type { paths } from "@subscription-apis/mayar";

export function cancel(apiKey: string, memberId: string, productId: string) {
  return createClient<paths>({ baseUrl: "https://api.mayar.id/hl/v2", headers: { Authorization: `Bearer ${apiKey}` } }).POST(
    "/memberships/members/{memberId}/cancel",
    { params: { path: { memberId } }, body: { productId } },
  );
}
