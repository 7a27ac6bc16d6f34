// Calling the Sobot webhook app's handler as the pipeline does, for integration tests.
import { CallbackRefusal, type HandlerContext, type HandlerResult } from "@/lib/callbacks/types";
import type { Db } from "@/lib/db/client";
import { type IntegrationView, loadCallbackIntegration } from "@/lib/integrations/integrations";
import { sobotWebhook } from "@/lib/vendors/sobot/webhook";

export type PushCall = { body: string; method?: "POST" | "PUT"; headers?: Record<string, string> };

export async function pushContext(
  db: Db,
  masterKey: Buffer,
  integration: IntegrationView,
  call: PushCall,
): Promise<HandlerContext> {
  const url = `http://x/api/callbacks/sobot/webhook/${integration.slug}`;
  const loaded = await loadCallbackIntegration(db, masterKey, "sobot-webhook", integration.slug);
  if (!loaded) throw new Error(`integration ${integration.slug} does not load`);
  return {
    client: db,
    request: new Request(url, {
      method: call.method ?? "POST",
      headers: { "content-type": "application/json", ...call.headers },
      body: call.body,
    }),
    url: new URL(url),
    body: Buffer.from(call.body),
    integration: loaded,
    now: new Date(),
    // Handlers are tested one call at a time; replay protection is the pipeline's.
    acceptOnce: async () => undefined,
  };
}

/** The handler's answer, or its refusal as a value (never thrown). */
export async function push(
  db: Db,
  masterKey: Buffer,
  integration: IntegrationView,
  call: PushCall,
): Promise<HandlerResult | CallbackRefusal> {
  return sobotWebhook.handle(await pushContext(db, masterKey, integration, call)).catch((error: unknown) => {
    if (error instanceof CallbackRefusal) return error;
    throw error;
  });
}
