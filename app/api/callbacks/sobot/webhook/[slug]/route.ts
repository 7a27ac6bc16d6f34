// /api/callbacks/sobot/webhook/{slug} – Sobot rule engine webhook app
// (every method is logged; POST and PUT are served).
import { callbackRoute } from "@/lib/callbacks/pipeline";
import { sobotWebhook } from "@/lib/vendors/sobot/webhook";

export const dynamic = "force-dynamic";

const route = callbackRoute(sobotWebhook);
export const GET = route.GET;
export const POST = route.POST;
export const PUT = route.PUT;
export const PATCH = route.PATCH;
export const DELETE = route.DELETE;
export const OPTIONS = route.OPTIONS;
