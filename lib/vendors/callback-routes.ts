// Every vendor callback and the URL path it is served under (app/api/callbacks/…, app/hyphenate/…),
// for the requests bin/server.mjs answers before routing (lib/callbacks/early).
import type { CallbackRoutes } from "@/lib/callbacks/early";
import { hyphenateIframe } from "@/lib/vendors/hyphenate/iframe";
import { sobotCrm } from "@/lib/vendors/sobot/crm";
import { sobotWebhook } from "@/lib/vendors/sobot/webhook";
import { udeskKnowledge, udeskMessage, udeskTask } from "@/lib/vendors/udesk/handlers";

export const CALLBACK_ROUTES: CallbackRoutes = [
  { prefix: "/api/callbacks/sobot/crm/", def: sobotCrm },
  { prefix: "/api/callbacks/sobot/webhook/", def: sobotWebhook },
  { prefix: "/api/callbacks/udesk/message/", def: udeskMessage },
  { prefix: "/api/callbacks/udesk/task/", def: udeskTask },
  { prefix: "/api/callbacks/udesk/knowledge/", def: udeskKnowledge },
  { prefix: "/hyphenate/", def: hyphenateIframe },
];
