// One-operation browser consumer of @subscription-apis/mayar (bundle-size benchmark).
import { createMayarClient } from "@subscription-apis/mayar";

export function cancel(apiKey: string, memberId: string, productId: string) {
  return createMayarClient({ apiKey }).cancelMembershipMember({ memberId, productId });
}
