// /api/callbacks/udesk/task/{slug} – Udesk robot webhook, task call (every method is logged; only POST is served).
import { callbackRoute } from "@/lib/callbacks/pipeline";
import { udeskTask } from "@/lib/vendors/udesk/handlers";

export const dynamic = "force-dynamic";

const route = callbackRoute(udeskTask);
export const GET = route.GET;
export const POST = route.POST;
export const PUT = route.PUT;
export const PATCH = route.PATCH;
export const DELETE = route.DELETE;
export const OPTIONS = route.OPTIONS;
