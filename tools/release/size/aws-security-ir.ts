// One-operation browser consumer of @subscription-apis/aws-security-ir, bundled by `sapi-release size`.
import { createAwsSecurityIrClient } from "@subscription-apis/aws-security-ir";

export function cancel(accessKeyId: string, secretAccessKey: string, membershipId: string) {
  return createAwsSecurityIrClient({ region: "us-east-1", credentials: { accessKeyId, secretAccessKey } }).cancelMembership({
    membershipId,
  });
}
