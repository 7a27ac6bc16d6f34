// Step-by-step set-up per vendor kind: where to go in the vendor's console (its own menu names, as
// the vendors' documents give them), what to paste there, and which of this integration's
// settings or secrets each value of the vendor's form must match. The integration page fills in
// the real URLs, setting values and secret hints. The same guides in Chinese: guides.zh.ts.
import type { Locale } from "@/lib/i18n/config";
import { GUIDES_ZH } from "@/lib/integrations/guides.zh";

/** Something the operator copies into the vendor's console, or checks against it. */
export type GuideValue =
  | { endpoint: string; label: string }
  | { setting: string; label: string }
  | { secret: string; label: string };

export type GuideStep = { where?: string; text: string; values?: GuideValue[] };

export type Guide = { console: string; steps: GuideStep[] };

export const GUIDES: Record<string, Guide> = {
  "sobot-crm": {
    console: "Sobot (智齿) agent console",
    steps: [
      {
        where: "Livechat Agent › Docking Setting › Docking Customer Information",
        text: "Add a docking scheme (对接方案) and tick the channels it serves.",
      },
      {
        text: "Paste this URL as the 「Query User Information API URL」.",
        values: [{ endpoint: "crm", label: "Query User Information API URL" }],
      },
      {
        text: "Enter the same encryption key there as this integration's secret key (set it here first if not set).",
        values: [{ secret: "secretKey", label: "Encryption key (secretKey)" }],
      },
      {
        text:
          "Sobot signs each call with md5(companyId + timestamp + secretKey + parameter): the companyId " +
          "here must be your Sobot company's (ask Sobot if unsure; Explain names it on a failed call).",
        values: [{ setting: "companyId", label: "companyId" }],
      },
      { text: "Save the scheme, then send a test call below: the answer shows the customer Sobot would receive." },
    ],
  },
  udesk: {
    console: "Udesk (机器人管理系统)",
    steps: [
      {
        where: "机器人管理系统 › webhook配置",
        text: "Add a webhook. Its 对接名称 must be exactly this integration's name in Udesk: it is part of the signature.",
        values: [{ setting: "integrationName", label: "对接名称 (integrationName)" }],
      },
      {
        text: "Enter the 鉴权密钥 (key) there: the same value as this integration's key.",
        values: [{ secret: "key", label: "鉴权密钥 (key)" }],
      },
      {
        where: "消息触发型",
        text: "For answers to matched messages, paste the message URL.",
        values: [{ endpoint: "message", label: "消息触发型 URL" }],
      },
      {
        where: "任务式对话 › 任务推送型",
        text: "For card answers in a task tree node, paste the task URL; the node id chooses the card template.",
        values: [{ endpoint: "task", label: "任务推送型 URL" }],
      },
      {
        text: "For knowledge-base answers, paste the knowledge URL.",
        values: [{ endpoint: "knowledge", label: "Knowledge URL" }],
      },
      { text: "Save, then send a test call of each kind below." },
    ],
  },
  hyphenate: {
    console: "Hyphenate (环信客服云) admin console",
    steps: [
      {
        where: "管理员模式 › 设置 › 扩展与集成 › iframe",
        text: "Add an iframe window: any 窗口名称, and this URL.",
        values: [{ endpoint: "iframe", label: "URL" }],
      },
      {
        text:
          "Optional: 加密密钥 (more than 8 characters), the same value as this integration's encryption key; " +
          "tick 同时加密系统参数 only if the setting below is ticked too.",
        values: [
          { secret: "key", label: "加密密钥" },
          { setting: "encryptSystemParams", label: "同时加密系统参数" },
        ],
      },
      {
        text: "Allow the agent console's origin (e.g. https://kefu.easemob.com) to frame the panel, under Settings.",
        values: [{ setting: "frameAncestors", label: "Origins allowed to frame the panel" }],
      },
      {
        text:
          "Save, then open the panel as one of your customers below: it is the page agents see beside a " +
          "conversation (客服模式 › 会话).",
      },
    ],
  },
  "sobot-webhook": {
    console: "Sobot (智齿) rule engine",
    steps: [
      {
        where: "Rule engine › webhook app",
        text: "Add a webhook app action with method POST and this HTTP URL.",
        values: [{ endpoint: "webhook", label: "HTTP URL" }],
      },
      {
        text:
          "If this integration also requires a header or Basic credentials (Settings), add them to the app: " +
          "the header named below, or the Basic user, with the shared secret as its value.",
        values: [
          { setting: "authMode", label: "Also require" },
          { setting: "headerName", label: "Header name" },
          { secret: "sharedSecret", label: "Shared secret" },
        ],
      },
      { text: "Save the rule, then send a test push below: it creates or updates the customer it names." },
    ],
  },
  "sobot-api": {
    console: "Sobot (智齿) open platform",
    steps: [
      {
        text: "Ask Sobot's after-sales service for the open platform's appid and app_key, and enter them here.",
        values: [
          { setting: "appid", label: "appid" },
          { secret: "appKey", label: "app_key" },
        ],
      },
      {
        text: "Set the base URL of your Sobot region (https://sg.sobot.io by default).",
        values: [{ setting: "baseUrl", label: "Base URL" }],
      },
      {
        where: "Rule engine › webhook triggers",
        text: "Add each rule trigger below with its trigger-id and secret; operators send them from a customer's page.",
      },
    ],
  },
};

/** The guide for a vendor kind in the page's language. */
export function guideFor(vendor: string, locale: Locale): Guide | undefined {
  if (!Object.hasOwn(GUIDES, vendor)) return undefined;
  return locale === "zh-CN" && Object.hasOwn(GUIDES_ZH, vendor) ? GUIDES_ZH[vendor] : GUIDES[vendor];
}
