import { pathToFileURL } from "node:url";
import { createCloudCockpitClient } from "@subscription-apis/cloudcockpit";

/**
 * Cancel one customer subscription. Reads CLOUDCOCKPIT_TENANT, CLOUDCOCKPIT_CUSTOMER_ID, CLOUDCOCKPIT_SUBSCRIPTION_ID,
 * and either CLOUDCOCKPIT_TOKEN or CLOUDCOCKPIT_CLIENT_ID + CLOUDCOCKPIT_CLIENT_SECRET (+ optional CLOUDCOCKPIT_TOKEN_URL).
 */
export async function main(baseUrl?: string): Promise<string> {
  const env = process.env;
  const tenant = env.CLOUDCOCKPIT_TENANT ?? "";
  const cloudcockpit = createCloudCockpitClient({
    tenant, // sent as X-Tenant on every call
    ...(env.CLOUDCOCKPIT_TOKEN
      ? { token: env.CLOUDCOCKPIT_TOKEN }
      : {
          clientCredentials: {
            clientId: env.CLOUDCOCKPIT_CLIENT_ID ?? "",
            clientSecret: env.CLOUDCOCKPIT_CLIENT_SECRET ?? "",
            ...(env.CLOUDCOCKPIT_TOKEN_URL ? { tokenUrl: env.CLOUDCOCKPIT_TOKEN_URL } : {}),
          },
        }),
    ...(baseUrl ? { baseUrl } : {}),
  });

  const { error } = await cloudcockpit.cancelCustomerSubscription({
    customerId: env.CLOUDCOCKPIT_CUSTOMER_ID ?? "",
    subscriptionId: env.CLOUDCOCKPIT_SUBSCRIPTION_ID ?? "",
  });

  let line: string;
  if (!error) {
    line = "cancellation accepted (202): poll the subscription's status.name for the outcome";
  } else {
    switch (error.code) {
      case "Conflict": // portal and provider (Microsoft) records disagree: synchronise first
        line = `conflict: portal quantity ${error.body?.portalSubscription?.quantity}, provider quantity ${error.body?.providerSubscription?.quantity}`;
        break;
      case "NotFound":
      case "BadRequest":
        line = `${error.code}: ${error.body?.description}`;
        break;
      case "Unauthorized": // no body documented for 401/403
      case "Forbidden":
        line = `${error.code}: check the credentials and the tenant`;
        break;
      default: // InternalServerError (already retried) or UnknownError
        line = `HTTP ${error.status}: ${error.message} (correlation id ${error.requestId})`;
    }
  }
  console.log(line);
  return line;
}

// Run directly (e.g. `npx tsx examples/usage.ts`); CLOUDCOCKPIT_BASE_URL overrides the server (proxies, tests).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main(process.env.CLOUDCOCKPIT_BASE_URL);
