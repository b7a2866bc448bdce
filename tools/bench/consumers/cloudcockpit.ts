// One-operation browser consumer of @subscription-apis/cloudcockpit (bundle-size benchmark).
import { createCloudCockpitClient } from "@subscription-apis/cloudcockpit";

export function cancel(tenant: string, token: string, customerId: string, subscriptionId: string) {
  return createCloudCockpitClient({ tenant, token }).cancelCustomerSubscription({ customerId, subscriptionId });
}
