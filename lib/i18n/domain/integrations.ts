// Chinese for the integrations messages the domain layer writes in English (see index.ts for the format).
// Also the vendor kinds' labels and hints (lib/integrations/kinds.ts) the integration pages show.
import type { Phrases } from "./phrase";

const results: Phrases = [
  ["Settings saved.", "设置已保存。"],
  ["Integration enabled.", "对接已启用。"],
  ["Integration disabled: its URLs now answer 404.", "对接已停用：其 URL 现在返回 404。"],
  ["New {name} saved; the previous one stays valid for {grace}.", "新的 {name} 已保存；旧的在 {grace} 内仍然有效。"],
  ["New {name} saved; the previous one no longer works.", "新的 {name} 已保存；旧的已失效。"],
  ["Trigger {name} added.", "触发器 {name} 已添加。"],
  ["Trigger removed.", "触发器已移除。"],
  ["{origin} may now frame the panel.", "{origin} 现在可以嵌入面板。"],
  ["The panel for customer #{id}.", "客户 #{id} 的面板。"],
];

const refusals: Phrases = [
  ['Unknown vendor kind "{vendor}".', "未知的厂商类型“{vendor}”。"],
  ["The integration has invalid settings.", "对接的设置有误。"],
  ["The integration has invalid fields.", "对接的字段有误。"],
  ['"{text}" is not a duration: use e.g. 24h, 30m, 2d or 0.', "“{text}”不是时长：请使用如 24h、30m、2d 或 0。"],
  ["The grace period is at most 30 days.", "宽限期最长 30 天。"],
  ["At most 30 days", "最长 30 天"],
  ["The new secret is invalid.", "新密钥无效。"],
  [
    "The previous {name} ({hint}) still signs calls and is valid until {time}: rotating again would stop it at once.",
    "旧的 {name}（{hint}）仍在为调用签名，有效至 {time}：再次更换会立即使其失效。",
  ],
  ["Confirm to stop the previous value now", "请勾选确认立即停用旧密钥"],
  ["A secret cannot be empty", "密钥不能为空"],
  ["At least {n} characters", "至少 {n} 个字符"],
  ["At most {n} characters", "最多 {n} 个字符"],
  ["A name is required", "名称为必填项"],
  ["Pick a Hyphenate integration.", "请选择一个环信对接。"],
  ["Give a customer number.", "请填写客户编号。"],
  ["A customer number such as 12", "客户编号，例如 12"],
  ["There is no customer #{id}.", "没有客户 #{id}。"],
  [
    "Customer #{id} has no {idKind} id: the panel finds customers by it ({param}).",
    "客户 #{id} 没有{idKind}：面板按它查找客户（{param}）。",
  ],
  ["The trigger has invalid fields.", "触发器的字段有误。"],
  ["The trigger's secret is required", "触发器密钥为必填项"],
  ["Only a Hyphenate panel has frame ancestors.", "只有环信面板才有允许嵌入的来源。"],
  ["The company id is required", "公司 ID 为必填项"],
  ["A number of seconds", "秒数"],
  ["A whole number of seconds", "整数秒"],
  ["0 (off) or more", "0（关闭）或更大"],
  ["At most 86400 seconds", "最多 86400 秒"],
  [
    "An origin such as https://kefu.easemob.com (no path, no trailing slash)",
    "来源，例如 https://kefu.easemob.com（不带路径和末尾斜杠）",
  ],
  ["At most 20 origins", "最多 20 个来源"],
  ["A parameter name such as visitorImId or customUserId", "参数名，例如 visitorImId 或 customUserId"],
  ["none, header or basic", "none、header 或 basic"],
  ["A header name: letters, digits and dashes", "请求头名称：字母、数字和连字符"],
  ["A URL such as https://sg.sobot.io", "URL，例如 https://sg.sobot.io"],
  ["An http(s) URL", "http(s) URL"],
  ["The appid is required", "appid 为必填项"],
  ["A trigger name: letters, digits, _ . - (at most 50)", "触发器名称：字母、数字、_ . -（最多 50 个）"],
  ["A trigger-id of letters and digits", "由字母和数字组成的 trigger-id"],
  ["The integration name as configured in Udesk is required", "请填写 Udesk 中配置的对接名称"],
];

const warnings: Phrases = [
  [
    "No public URL is set: the URLs below are this server's own address as it sees it, which a vendor " +
      "may not reach. Set DESKBRIDGE_PUBLIC_URL to the https:// address vendors call (see README, Configuration).",
    "未设置公网 URL：下方的 URL 是本服务器自己看到的地址，厂商可能无法访问。" +
      "请把 DESKBRIDGE_PUBLIC_URL 设为厂商调用的 https:// 地址（见 README 的 Configuration 一节）。",
  ],
  [
    "The public URL ({url}) is not HTTPS: vendors would send customer data, signs and shared secrets " +
      "in clear text. Put Deskbridge behind TLS and set DESKBRIDGE_PUBLIC_URL to its https:// address.",
    "公网 URL（{url}）不是 HTTPS：厂商会以明文发送客户数据、签名和共享密钥。" +
      "请为 Deskbridge 配置 TLS，并把 DESKBRIDGE_PUBLIC_URL 设为其 https:// 地址。",
  ],
  [
    "No site may frame this panel yet, so the agent console shows a blank tab where it should be. " +
      "Allow the console's origin: choose it below, or type your console's address (its origin, such as " +
      "https://kefu.easemob.com) under Settings.",
    "目前没有任何站点可以嵌入此面板，坐席工作台中相应的标签页会是空白。" +
      "请允许工作台的来源：在下方选择，或在“设置”中填写工作台的地址（来源，例如 https://kefu.easemob.com）。",
  ],
  ["Easemob / Hyphenate agent console", "环信客服云坐席工作台"],
];

const kinds: Phrases = [
  ["Sobot CRM docking", "智齿 CRM 对接"],
  [
    "Sobot asks for a customer's profile by partner id, phone or email when a conversation starts.",
    "会话开始时，智齿按 partnerid、手机号或邮箱查询客户资料。",
  ],
  ["Hyphenate CRM panel", "环信 CRM 面板"],
  [
    "The Hyphenate (Easemob) agent console frames this page beside each conversation and shows the customer.",
    "环信客服云的坐席工作台在每个会话旁嵌入此页面，显示客户信息。",
  ],
  ["Sobot webhook app", "智齿 webhook 应用"],
  [
    "Sobot's rule engine pushes customers here; Deskbridge creates or merges them.",
    "智齿规则引擎把客户推送到这里；Deskbridge 新建或合并客户。",
  ],
  ["Sobot open API (rule triggers)", "智齿开放接口（规则触发器）"],
  [
    "Deskbridge calls Sobot: a cached token for the open platform, and the rule engine's webhook triggers.",
    "由 Deskbridge 调用智齿：开放平台的 token（已缓存），以及规则引擎的 webhook 触发器。",
  ],
  ["Udesk robot webhooks", "Udesk 机器人 webhook"],
  [
    "Udesk's chat robot asks for answers: message-triggered text, task-push card templates, knowledge-base entries.",
    "Udesk 机器人向这里要答案：消息触发型文本、任务推送型卡片模板、知识库条目。",
  ],
  ["Refuse duplicates", "拒绝重复调用"],
  [
    "Off: a call that repeats one already answered (a vendor's retry) is answered again and logged as a " +
      "duplicate. On: it is refused with 409.",
    "关闭：重复已应答过的调用（厂商重试）会再次应答，并记为重复。开启：以 409 拒绝。",
  ],
  ["Company id", "公司 ID"],
  ["The companyId Sobot puts first in the signed string.", "智齿放在签名字符串开头的 companyId。"],
  ["Timestamp tolerance (seconds)", "时间戳容差（秒）"],
  [
    "Calls whose timestamp is further off are refused; 0 turns the check off.",
    "时间戳偏差超出此值的调用会被拒绝；0 表示不检查。",
  ],
  ["0 turns the check off.", "0 表示不检查。"],
  ["Secret key", "密钥"],
  ["The encryption key configured in Sobot's docking scheme.", "智齿对接方案中配置的加密密钥。"],
  ["Parameter that identifies the customer", "识别客户的参数"],
  [
    "visitorImId by default; e.g. customUserId for a custom parameter.",
    "默认 visitorImId；自定义参数如 customUserId。",
  ],
  ["…as external id kind", "……作为外部 ID 类型"],
  [
    "An external id kind (hyphenate-visitor, wechat-openid, sobot-partner, sobot-customer, udesk-customer), " +
      "or phone (any writing of the number) or email.",
    "外部 ID 类型（hyphenate-visitor、wechat-openid、sobot-partner、sobot-customer、udesk-customer），" +
      "或 phone（号码的任意写法）、email。",
  ],
  ["System parameters are encrypted too", "同时加密系统参数"],
  ['Tick when the console\'s "also encrypt system parameters" is on.', "控制台中勾选了“同时加密系统参数”时勾选此项。"],
  ["Origins allowed to frame the panel", "允许嵌入面板的来源"],
  [
    "One per line: the agent console's origin, e.g. https://kefu.easemob.com. Empty: no site may frame it.",
    "每行一个：坐席工作台的来源，例如 https://kefu.easemob.com。留空：任何站点都不能嵌入。",
  ],
  ["Encryption key", "加密密钥"],
  [
    "Optional: the key set in the console's CRM settings (more than 8 characters). " +
      "Without it, the URL's secret segment is the only protection.",
    "可选：控制台 CRM 设置中的密钥（长度大于 8 位）。不设置时，URL 中的保密段是唯一的保护。",
  ],
  ["Also require", "附加认证"],
  [
    "The URL's secret segment always authenticates. header: a shared header value; " +
      "basic: HTTP Basic credentials (set in Sobot's webhook app).",
    "URL 中的保密段始终用于认证。header：共享的请求头值；basic：HTTP Basic 凭据（在智齿 webhook app 中设置）。",
  ],
  ["Header name (header mode)", "请求头名称（请求头模式）"],
  ["Basic user name (basic mode)", "Basic 用户名（Basic 模式）"],
  ["Merge into a customer found by email or phone", "合并到按邮箱或手机号找到的客户"],
  ["When no customer has the Sobot customer id yet.", "当还没有客户带有该智齿客户 ID 时。"],
  ["Shared secret", "共享密钥"],
  ["The header value or the Basic password, when required.", "需要时，请求头的值或 Basic 密码。"],
  ["Base URL", "基础 URL"],
  [
    "The Sobot host of your region, e.g. https://sg.sobot.io (default), " +
      "https://www.sobot.com or https://www.soboten.com.",
    "你所在区域的智齿主机，例如 https://sg.sobot.io（默认）、https://www.sobot.com 或 https://www.soboten.com。",
  ],
  ["The open-platform credential id from Sobot.", "智齿开放平台的凭证 ID（appid）。"],
  ["appid", "应用 ID"],
  ["app_key", "应用密钥"],
  ["The open platform's private key.", "开放平台的私钥（app_key）。"],
  ["Trigger {name} secret", "触发器 {name} 的密钥"],
  ["Integration name in Udesk", "Udesk 中的对接名称"],
  [
    "Exactly as configured in Udesk's webhook (e.g. 对接一): it is part of the signed string.",
    "与 Udesk webhook配置中的对接名称完全一致（例如 对接一）：它是签名字符串的一部分。",
  ],
  ["Default answer (message-triggered)", "默认答案（消息触发型）"],
  [
    "When no rule matches. Templates: {{question}}, {{customer.uname}}, {{order.title}}.",
    "没有规则匹配时使用。模板：{{question}}、{{customer.uname}}、{{order.title}}。",
  ],
  ["Knowledge-base fallback", "知识库兜底答案"],
  ["When no entry matches; empty answers resCode -1.", "没有条目匹配时使用；留空则返回 resCode -1。"],
  ["Key", "鉴权密钥"],
  ["The key configured in Udesk's webhook.", "Udesk webhook配置中的 key。"],
];

export const phrases: Phrases = [...results, ...refusals, ...warnings, ...kinds];
