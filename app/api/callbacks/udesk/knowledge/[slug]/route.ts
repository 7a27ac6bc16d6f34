// /api/callbacks/udesk/knowledge/{slug} – Udesk robot webhook, knowledge call
// (every method is logged; only POST is served).
import { callbackRoute } from "@/lib/callbacks/pipeline";
import { udeskKnowledge } from "@/lib/vendors/udesk/handlers";

export const dynamic = "force-dynamic";

const route = callbackRoute(udeskKnowledge);
export const GET = route.GET;
export const POST = route.POST;
export const PUT = route.PUT;
export const PATCH = route.PATCH;
export const DELETE = route.DELETE;
export const OPTIONS = route.OPTIONS;
