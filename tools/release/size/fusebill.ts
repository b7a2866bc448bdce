// One-operation browser consumer of @subscription-apis/fusebill, bundled by `sapi-release size`.
import { createFusebillClient } from "@subscription-apis/fusebill";

export function cancel(apiKey: string, subscriptionId: number) {
  return createFusebillClient({ apiKey }).cancelSubscription({ subscriptionId, cancellationOption: "Unearned" });
}
