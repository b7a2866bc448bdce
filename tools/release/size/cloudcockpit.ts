// One-operation browser consumer of @subscription-apis/cloudcockpit, bundled by `sapi-release size`: the core client
// and the one operation it calls (the all-operations client from createCloudCockpitClient bundles every operation).
import { cancelCustomerSubscription, createCloudCockpitCore } from "@subscription-apis/cloudcockpit";

export function cancel(token: string, tenant: string, customerId: string, subscriptionId: string) {
  return cancelCustomerSubscription(createCloudCockpitCore({ token, tenant }), { customerId, subscriptionId, tenant });
}
