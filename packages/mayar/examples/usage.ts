import { pathToFileURL } from "node:url";
import { createMayarClient } from "@subscription-apis/mayar";

/** Cancel one membership member. Reads MAYAR_API_KEY, MAYAR_MEMBER_ID, MAYAR_PRODUCT_ID (and MAYAR_ENVIRONMENT). */
export async function main(baseUrl?: string): Promise<string> {
  const mayar = createMayarClient({
    apiKey: process.env.MAYAR_API_KEY ?? "",
    environment: process.env.MAYAR_ENVIRONMENT === "sandbox" ? "sandbox" : "production",
    ...(baseUrl ? { baseUrl } : {}),
  });

  const { data, error } = await mayar.cancelMembershipMember({
    memberId: process.env.MAYAR_MEMBER_ID ?? "",
    productId: process.env.MAYAR_PRODUCT_ID ?? "",
  });

  let line: string;
  if (!error) {
    line = `cancelled ${data.data.membershipCustomer.memberId}: status ${data.data.membershipCustomer.status}`;
  } else {
    switch (error.code) {
      case "BadRequest": // e.g. the member is already stopped or finished
        line = `rejected: ${error.body?.message}`;
        break;
      case "NotFound":
        line = `no such member: ${error.body?.message}`;
        break;
      case "Unauthorized":
        line = "check MAYAR_API_KEY (production and sandbox keys differ)";
        break;
      case "TooManyRequests": // already retried with Retry-After
        line = `rate limited, retry after ${error.headers.get("retry-after")} s`;
        break;
      default: // "UnknownError": any undocumented status (5xx, proxies)
        line = `HTTP ${error.status}: ${error.message}`;
    }
  }
  console.log(line);
  return line;
}

// Run directly (e.g. `npx tsx examples/usage.ts`); MAYAR_BASE_URL overrides the server (proxies, tests).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main(process.env.MAYAR_BASE_URL);
