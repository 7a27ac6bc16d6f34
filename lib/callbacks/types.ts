// What a vendor handler receives and returns. Handlers are plain functions over these types,
// so they can be tested without a server.
import type { Db } from "@/lib/db/client";
import type { Outcome } from "@/lib/calls/outcomes";
import type { IntegrationWithSecrets, OpenedSecret } from "@/lib/integrations/integrations";
import { statusOf } from "@/lib/callbacks/outcome-status";
import type { RequestSchema } from "@/lib/callbacks/verified";

export type HandlerContext = {
  client: Db;
  request: Request;
  url: URL;
  body: Buffer;
  integration: IntegrationWithSecrets;
  now: Date;
  /**
   * Replay protection: records this verified call as accepted. When the same sign, timestamp and
   * payload were accepted before (on any app instance), a lookup goes on and is logged as a
   * duplicate, and any other call (or with "refuse duplicates" on) is refused as `replayed`.
   * `payload` is what the sign does not cover; leave it out when the sign covers the whole call.
   */
  acceptOnce: (call: { sign: string; timestamp: string; payload?: unknown }, key?: OpenedSecret) => Promise<void>;
};

export type HandlerResult = {
  status: number;
  /** An object is sent as JSON; a string as is. */
  body: unknown;
  outcome: Outcome;
  detail: string;
  decryptedRequest?: unknown;
  decryptedResponse?: unknown;
  customerId?: number | null;
  /** Something was left out (named in the detail); the call log marks it for the Calls filter. */
  partial?: boolean;
  /** Runs once the call is in the log, with its id (e.g. to link what the call brought to it). */
  onLogged?: (callId: number) => Promise<void>;
  key?: OpenedSecret | null;
  contentType?: string;
  /** Extra response headers (e.g. a page's own Content-Security-Policy). */
  headers?: Record<string, string>;
};

export type Refusal = { body: unknown; contentType?: string; headers?: Record<string, string> };

export type RefusalInit = {
  outcome: Outcome;
  /** What the caller is told, in the vendor's answer. */
  publicMessage: string;
  /** What the call log keeps: it may name what was received, never a secret. */
  detail: string;
  /** Only where the protocol needs another status than the outcome's (OUTCOME_STATUS). */
  status?: number;
} & Pick<HandlerResult, "decryptedRequest" | "customerId" | "key">;

/** A refusal: the handler stops, the pipeline answers and logs it. */
export class CallbackRefusal extends Error {
  readonly outcome: Outcome;
  readonly status: number;
  readonly publicMessage: string;
  readonly detail: string;
  readonly extra: Pick<HandlerResult, "decryptedRequest" | "customerId" | "key">;

  constructor({ outcome, publicMessage, detail, status, ...extra }: RefusalInit) {
    super(detail);
    this.outcome = outcome;
    this.status = status ?? statusOf(outcome);
    this.publicMessage = publicMessage;
    this.detail = detail;
    this.extra = extra;
  }
}

export type CallbackDefinition = {
  vendor: string;
  kind: string;
  methods: string[];
  /** The request's headers and body schema, when the call has a body (see defineCallback). */
  request?: RequestSchema<unknown>;
  handle: (ctx: HandlerContext) => Promise<HandlerResult>;
  /** A refusal in the vendor's style; default JSON {"error", "message"}. */
  refusal?: (outcome: Outcome, message: string, request: Request) => Refusal;
  /** The call only reads (a lookup): a copy of it is answered and logged as a duplicate. */
  readOnly?: boolean;
};
