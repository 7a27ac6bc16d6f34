// /hyphenate/{slug} – the Hyphenate agent console's CRM panel (every load is logged).
import { callbackRoute } from "@/lib/callbacks/pipeline";
import { hyphenateIframe } from "@/lib/vendors/hyphenate/iframe";

export const dynamic = "force-dynamic";

const route = callbackRoute(hyphenateIframe);
export const GET = route.GET;
export const POST = route.POST;
export const PUT = route.PUT;
export const PATCH = route.PATCH;
export const DELETE = route.DELETE;
export const OPTIONS = route.OPTIONS;
