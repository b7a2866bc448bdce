// One-operation browser consumer of @subscription-apis/fusebill, bundled by `sapi-release size`: the core client and
// the one operation it calls (the all-operations client from createFusebillClient bundles every operation).
import { cancelSubscription, createFusebillCore } from "@subscription-apis/fusebill";

export function cancel(apiKey: string, subscriptionId: number) {
  return cancelSubscription(createFusebillCore({ apiKey }), { subscriptionId, cancellationOption: "Unearned" });
}
