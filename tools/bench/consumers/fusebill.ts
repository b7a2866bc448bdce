// One-operation browser consumer of @subscription-apis/fusebill (bundle-size benchmark).
import { createFusebillClient } from "@subscription-apis/fusebill";

export function cancel(apiKey: string, subscriptionId: number) {
  return createFusebillClient({ apiKey }).cancelSubscription({ subscriptionId, cancellationOption: "None" });
}
