// One-operation browser consumer of @subscription-apis/aws-security-ir, bundled by `sapi-release size`: the core
// client and the one operation it calls (the all-operations client from createAwsSecurityIrClient bundles every one).
import { cancelMembership, createAwsSecurityIrCore } from "@subscription-apis/aws-security-ir";

export function cancel(accessKeyId: string, secretAccessKey: string, membershipId: string) {
  return cancelMembership(createAwsSecurityIrCore({ region: "us-east-1", credentials: { accessKeyId, secretAccessKey } }), {
    membershipId,
  });
}
