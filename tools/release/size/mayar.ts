// One-operation browser consumer of @subscription-apis/mayar, bundled by `sapi-release size`: the core client and the
// one operation it calls (the all-operations client from createMayarClient bundles every operation).
import { cancelMembershipMember, createMayarCore } from "@subscription-apis/mayar";

export function cancel(apiKey: string, memberId: string, productId: string) {
  return cancelMembershipMember(createMayarCore({ apiKey }), { memberId, productId });
}
