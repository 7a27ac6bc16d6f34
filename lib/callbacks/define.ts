// A vendor callback declared by its parts: who may call, the request's schema, the sign over it,
// and the handler, which runs only with what those verified. The pipeline sees a plain
// CallbackDefinition; handler tests call its `handle` as the pipeline does.
import type { CallbackDefinition, HandlerContext, HandlerResult, Refusal } from "@/lib/callbacks/types";
import { type RequestSchema, type SignOf, type Verified, verified } from "@/lib/callbacks/verified";
import type { Outcome } from "@/lib/calls/outcomes";
import type { OpenedSecret } from "@/lib/integrations/integrations";

type Common<T> = {
  vendor: string;
  kind: string;
  methods: string[];
  request: RequestSchema<T>;
  /** A refusal in the vendor's style; default JSON {"error", "message"}. */
  refusal?: (outcome: Outcome, message: string, request: Request) => Refusal;
  /** The call only reads (a lookup): a copy of it is answered and logged as a duplicate. */
  readOnly?: boolean;
};

export type SignedCallback<T> = Common<T> & {
  sign: SignOf<T>;
  handle: (ctx: HandlerContext, call: Verified<T, OpenedSecret>) => Promise<HandlerResult>;
};

export type UnsignedCallback<T> = Common<T> & {
  /**
   * For a vendor that signs nothing: who may call, from the headers alone, before the body is
   * read. Returns the secret that let the caller in, or null when the integration asks for none.
   */
  authenticate?: (ctx: HandlerContext) => OpenedSecret | null;
  handle: (ctx: HandlerContext, call: Verified<T>) => Promise<HandlerResult>;
};

export function defineCallback<T>(spec: SignedCallback<T> | UnsignedCallback<T>): CallbackDefinition {
  const { vendor, kind, methods, request, refusal, readOnly } = spec;
  const handle =
    "sign" in spec
      ? async (ctx: HandlerContext) => spec.handle(ctx, await verified(ctx, request, spec.sign))
      : async (ctx: HandlerContext) => {
          const key = spec.authenticate?.(ctx) ?? null;
          return spec.handle(ctx, { ...(await verified(ctx, request)), key });
        };
  return { vendor, kind, methods, request, handle, refusal, readOnly };
}
