// One-operation browser consumer of @subscription-apis/cloudcockpit, bundled by `sapi-release size`.
import { createCloudCockpitClient } from "@subscription-apis/cloudcockpit";

export function cancel(token: string, tenant: string, customerId: string, subscriptionId: string) {
  return createCloudCockpitClient({ token, tenant }).cancelCustomerSubscription({ customerId, subscriptionId, tenant });
}
