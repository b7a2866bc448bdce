// The same consumer with the vendor SDK: @aws-sdk/client-qbusiness, CancelSubscriptionCommand (bundle-size benchmark).
import { CancelSubscriptionCommand, QBusinessClient } from "@aws-sdk/client-qbusiness";

export function cancel(accessKeyId: string, secretAccessKey: string, applicationId: string, subscriptionId: string) {
  return new QBusinessClient({ region: "us-east-1", credentials: { accessKeyId, secretAccessKey } }).send(
    new CancelSubscriptionCommand({ applicationId, subscriptionId }),
  );
}
