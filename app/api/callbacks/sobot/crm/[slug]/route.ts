// /api/callbacks/sobot/crm/{slug} – Sobot CRM docking (every method is logged; only POST is served).
import { callbackRoute } from "@/lib/callbacks/pipeline";
import { sobotCrm } from "@/lib/vendors/sobot/crm";

export const dynamic = "force-dynamic";

const route = callbackRoute(sobotCrm);
export const GET = route.GET;
export const POST = route.POST;
export const PUT = route.PUT;
export const PATCH = route.PATCH;
export const DELETE = route.DELETE;
export const OPTIONS = route.OPTIONS;
