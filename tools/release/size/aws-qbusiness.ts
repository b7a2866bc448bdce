// One-operation browser consumer of @subscription-apis/aws-qbusiness, bundled by `sapi-release size`.
import { createAwsQBusinessClient } from "@subscription-apis/aws-qbusiness";

export function cancel(accessKeyId: string, secretAccessKey: string, applicationId: string, subscriptionId: string) {
  return createAwsQBusinessClient({ region: "us-east-1", credentials: { accessKeyId, secretAccessKey } }).cancelSubscription({
    applicationId,
    subscriptionId,
  });
}
