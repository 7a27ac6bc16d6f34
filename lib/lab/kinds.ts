// The inbound call kinds the signature lab knows: their labels, vendors, endpoints, logged call
// kinds and the secret each is signed, encrypted or authenticated with.

export const LAB_KINDS = [
  "sobot-crm",
  "sobot-webhook",
  "udesk-message",
  "udesk-task",
  "udesk-knowledge",
  "hyphenate-iframe",
] as const;
export type LabKind = (typeof LAB_KINDS)[number];

export type LabKindInfo = {
  label: string;
  /** The integration vendor this call belongs to. */
  vendor: string;
  /** The key of the integration's endpoints (kinds.ts) this call goes to. */
  endpoint: string;
  /** The call kind recorded in the log. */
  callKind: string;
  /** The secret the call is signed, encrypted or authenticated with. */
  secret: string;
};

export const LAB_KIND_INFO: Record<LabKind, LabKindInfo> = {
  "sobot-crm": {
    label: "Sobot CRM docking",
    vendor: "sobot-crm",
    endpoint: "crm",
    callKind: "crm",
    secret: "secretKey",
  },
  "sobot-webhook": {
    label: "Sobot webhook app",
    vendor: "sobot-webhook",
    endpoint: "webhook",
    callKind: "webhook",
    secret: "sharedSecret",
  },
  "udesk-message": {
    label: "Udesk message-triggered",
    vendor: "udesk",
    endpoint: "message",
    callKind: "message",
    secret: "key",
  },
  "udesk-task": { label: "Udesk task push", vendor: "udesk", endpoint: "task", callKind: "task", secret: "key" },
  "udesk-knowledge": {
    label: "Udesk knowledge base",
    vendor: "udesk",
    endpoint: "knowledge",
    callKind: "knowledge",
    secret: "key",
  },
  "hyphenate-iframe": {
    label: "Hyphenate CRM panel",
    vendor: "hyphenate",
    endpoint: "iframe",
    callKind: "iframe",
    secret: "key",
  },
};

export const isLabKind = (v: unknown): v is LabKind =>
  typeof v === "string" && (LAB_KINDS as readonly string[]).includes(v);

/** The lab kind of a logged call (vendor + kind), if it is one the lab knows. */
export function labKindOf(vendor: string, kind: string): LabKind | null {
  return LAB_KINDS.find((k) => LAB_KIND_INFO[k].vendor === vendor && LAB_KIND_INFO[k].callKind === kind) ?? null;
}
