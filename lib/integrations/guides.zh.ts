// The set-up guides of guides.ts in Chinese, step for step: the same values, the vendors' menu
// names exactly as their own documents write them (Sobot's English console, Udesk's and
// Easemob's Chinese ones).
import type { Guide } from "@/lib/integrations/guides";

export const GUIDES_ZH: Record<string, Guide> = {
  "sobot-crm": {
    console: "智齿（Sobot）客服工作台",
    steps: [
      {
        where: "Livechat Agent › Docking Setting › Docking Customer Information",
        text: "添加一个对接方案（docking scheme），并勾选它服务的渠道。",
      },
      {
        text: "把这个 URL 粘贴为「Query User Information API URL」。",
        values: [{ endpoint: "crm", label: "Query User Information API URL" }],
      },
      {
        text: "在那里填写与此对接的密钥相同的加密密钥（若此处尚未设置，请先设置）。",
        values: [{ secret: "secretKey", label: "加密密钥（secretKey）" }],
      },
      {
        text:
          "智齿用 md5(companyId + timestamp + secretKey + parameter) 为每次调用签名：此处的 companyId " +
          "必须是你的智齿公司的 ID（不确定时请询问智齿；调用失败时，“解释”会指出它）。",
        values: [{ setting: "companyId", label: "companyId" }],
      },
      { text: "保存方案，然后在下方发送一次测试调用：应答显示智齿会收到的客户信息。" },
    ],
  },
  udesk: {
    console: "Udesk 机器人管理系统",
    steps: [
      {
        where: "机器人管理系统 › webhook配置",
        text: "添加一个 webhook。它的对接名称必须与此对接在 Udesk 中的名称完全一致：名称是签名的一部分。",
        values: [{ setting: "integrationName", label: "对接名称（integrationName）" }],
      },
      {
        text: "在那里填写鉴权密钥（key）：与此对接的密钥相同。",
        values: [{ secret: "key", label: "鉴权密钥（key）" }],
      },
      {
        where: "消息触发型",
        text: "用于匹配消息的答案：粘贴消息 URL。",
        values: [{ endpoint: "message", label: "消息触发型 URL" }],
      },
      {
        where: "任务式对话 › 任务推送型",
        text: "用于任务树节点中的卡片答案：粘贴任务 URL；节点 ID 决定使用哪个卡片模板。",
        values: [{ endpoint: "task", label: "任务推送型 URL" }],
      },
      {
        text: "用于知识库答案：粘贴知识库 URL。",
        values: [{ endpoint: "knowledge", label: "知识库 URL" }],
      },
      { text: "保存，然后在下方为每种类型各发送一次测试调用。" },
    ],
  },
  hyphenate: {
    console: "环信客服云管理后台",
    steps: [
      {
        where: "管理员模式 › 设置 › 扩展与集成 › iframe",
        text: "添加一个 iframe 窗口：窗口名称任意，URL 填这个。",
        values: [{ endpoint: "iframe", label: "URL" }],
      },
      {
        text:
          "可选：加密密钥（长度大于 8 位），与此对接的加密密钥相同；" +
          "只有下方的设置也勾选时，才勾选同时加密系统参数。",
        values: [
          { secret: "key", label: "加密密钥" },
          { setting: "encryptSystemParams", label: "同时加密系统参数" },
        ],
      },
      {
        text: "在“设置”中允许坐席工作台的来源（例如 https://kefu.easemob.com）嵌入面板。",
        values: [{ setting: "frameAncestors", label: "允许嵌入面板的来源" }],
      },
      {
        text: "保存，然后在下方以某位客户的身份打开面板：这就是坐席在会话旁看到的页面（客服模式 › 会话）。",
      },
    ],
  },
  "sobot-webhook": {
    console: "智齿（Sobot）规则引擎",
    steps: [
      {
        where: "Rule engine › webhook app",
        text: "添加一个 webhook app 动作，请求方式为 POST，HTTP URL 填这个。",
        values: [{ endpoint: "webhook", label: "HTTP URL" }],
      },
      {
        text:
          "如果此对接还要求请求头或 Basic 凭据（见“设置”），请在 app 中添加：" +
          "下方所列名称的请求头，或 Basic 用户名，值为共享密钥。",
        values: [
          { setting: "authMode", label: "附加认证" },
          { setting: "headerName", label: "请求头名称" },
          { secret: "sharedSecret", label: "共享密钥" },
        ],
      },
      { text: "保存规则，然后在下方发送一次测试推送：它会创建或更新其中指定的客户。" },
    ],
  },
  "sobot-api": {
    console: "智齿（Sobot）开放平台",
    steps: [
      {
        text: "向智齿售后服务索取开放平台的 appid 和 app_key，并填写在此处。",
        values: [
          { setting: "appid", label: "appid" },
          { secret: "appKey", label: "app_key" },
        ],
      },
      {
        text: "设置你所在智齿区域的基础 URL（默认 https://sg.sobot.io）。",
        values: [{ setting: "baseUrl", label: "基础 URL" }],
      },
      {
        where: "Rule engine › webhook triggers",
        text: "在下方添加每个规则触发器及其 trigger-id 和密钥；操作员在客户页面发送它们。",
      },
    ],
  },
};
