// The signature lab's request builders: for each inbound call kind, the exact request the vendor
// would send for an integration and a payload (string that is signed, sign, ciphertext, headers,
// body, curl). Pure functions; the server actions give them the secret values.
//
// Each vendor's builder lives in its folder (sobot/, udesk/, hyphenate/ build.ts); the steps they
// share (keys, masking, the view and the curl command) in request.ts, the call kinds in kinds.ts.
import { buildHyphenate } from "@/lib/lab/hyphenate/build";
import type { LabKind } from "@/lib/lab/kinds";
import {
  type BuildOptions,
  type BuiltRequest,
  type LabIntegration,
  type LabSecrets,
  maskText,
} from "@/lib/lab/request";
import { buildSobotCrm, buildSobotWebhook } from "@/lib/lab/sobot/build";
import { buildUdesk } from "@/lib/lab/udesk/build";

export { isLabKind, LAB_KIND_INFO, LAB_KINDS, type LabKind, type LabKindInfo, labKindOf } from "@/lib/lab/kinds";
export {
  type BuildOptions,
  type BuiltRequest,
  curlOf,
  type LabIntegration,
  LabInputError,
  type LabRequestView,
  type LabSecrets,
  masked,
  maskText,
  type WireRequest,
  wrongKeyOf,
} from "@/lib/lab/request";

/** The request the vendor would send. Throws LabInputError for an input it cannot build from. */
export function buildLabRequest(
  kind: LabKind,
  integration: LabIntegration,
  secrets: LabSecrets,
  payload: unknown,
  options: BuildOptions,
): BuiltRequest {
  const built = (() => {
    switch (kind) {
      case "sobot-crm":
        return buildSobotCrm(integration, secrets, payload, options);
      case "sobot-webhook":
        return buildSobotWebhook(integration, secrets, payload, options);
      case "udesk-message":
      case "udesk-task":
      case "udesk-knowledge":
        return buildUdesk(kind, integration, secrets, payload, options);
      case "hyphenate-iframe":
        return buildHyphenate(integration, secrets, payload, options);
    }
  })();
  // Defence in depth: whatever a builder did, no secret value leaves in the view.
  const values = Object.entries(secrets).flatMap(([name, value]) => (value ? [{ name, value }] : []));
  built.view = JSON.parse(
    maskText(
      JSON.stringify(built.view),
      values.map((s) => ({ name: s.name, value: JSON.stringify(s.value).slice(1, -1) })),
    ),
  );
  return built;
}

/** A realistic payload per kind, for demo customers where there are any. */
export function defaultPayload(kind: LabKind, settings: Record<string, unknown> = {}): unknown {
  switch (kind) {
    case "sobot-crm":
      // The vendor document's own query: the demo customer su0012.
      return { email: "55612609866@163.com", partnerId: "partnerId", tel: "55612609866" };
    case "sobot-webhook":
      return {
        id: "lab-demo-001",
        pid: "",
        nick: "Lab demo",
        uname: "实验室演示",
        email: "lab.demo@example.com",
        tel: "13800001234",
        remark: "pushed from the signature lab",
        is_vip: "0",
        vip_level: "",
        user_label: "lab",
        ex_fields: { source: "signature-lab" },
      };
    case "udesk-message":
      return {
        integrationName: String(settings.integrationName ?? ""),
        regex: "",
        questionContent: "我的订单到哪了？",
        extra: { weChatOpenId: "oLab-demo-openid" },
        customerExtra: { customerId: 90003 },
      };
    case "udesk-task":
      return {
        taskNodeId: 100,
        sessionId: 100,
        variables: {},
        pageNum: 1,
        pageSize: 5,
        customerExtra: { customerId: 90003, callerNumber: "", dialogueDesc: "" },
      };
    case "udesk-knowledge":
      return {
        datumId: 1,
        datumName: "退货政策",
        sessionId: 100,
        templateAttributeId: 2,
        templateAttributeName: "退货期限",
        customer: { customerId: 90003 },
      };
    case "hyphenate-iframe":
      return {
        visitorImId: "visitor-001",
        easemobId: "kefuchannelimid_lab",
        to: "gh_lab",
        lang: "zh",
        customUserId: "P001",
        name: "Jack",
        age: "40",
        sex: "man",
      };
  }
}
