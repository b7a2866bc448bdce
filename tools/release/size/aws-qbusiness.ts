// One-operation browser consumer of @subscription-apis/aws-qbusiness, bundled by `sapi-release size`: the core client
// and the one operation it calls (the all-operations client from createAwsQBusinessClient bundles every operation).
import { cancelSubscription, createAwsQBusinessCore } from "@subscription-apis/aws-qbusiness";

export function cancel(accessKeyId: string, secretAccessKey: string, applicationId: string, subscriptionId: string) {
  const core = createAwsQBusinessCore({ region: "us-east-1", credentials: { accessKeyId, secretAccessKey } });
  return cancelSubscription(core, { applicationId, subscriptionId });
}
