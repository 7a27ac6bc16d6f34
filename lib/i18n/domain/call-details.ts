// Chinese for the call log's details: what the callback pipeline and the vendor handlers write
// about each call (see index.ts for the format). A detail is several parts joined by "; ", each
// listed here on its own (translateDetail in detail.ts translates it part by part). Values (ids,
// names, quoted text, the vendor's field names) are kept as written. The first match wins: the
// more specific form of a part comes before the general one, and the table comes before the
// templates' one, whose `customer #{id} ({name})` would take `customer #3 found by phone (short …)`.
import type { Phrases } from "./phrase";

export const phrases: Phrases = [
  // The pipeline (lib/callbacks/pipeline.ts): before the handler runs.
  ["more than {limit} calls per minute from {address}", "来自 {address} 的调用超过每分钟 {limit} 次"],
  ["more than {limit} calls per minute for this integration", "此对接的调用超过每分钟 {limit} 次"],
  ["retry after {seconds} s", "请在 {seconds} 秒后重试"],
  ['no {vendor} integration has the URL segment "{slug}"', "没有 URL 段为“{slug}”的 {vendor} 对接"],
  ['integration "{name}" is disabled', "对接“{name}”已停用"],
  ["Method {method} is not allowed", "不允许使用 {method} 方法"],
  ["use {method} or {other}.", "请使用 {method} 或 {other}。"],
  ["use {methods}.", "请使用 {methods}。"],
  ["OPTIONS: allowed {methods}", "OPTIONS：允许的方法为 {methods}"],
  [
    "The body is larger than {max} bytes. ({received} bytes or more)",
    "请求体超过 {max} 字节（收到 {received} 字节或更多）。",
  ],
  ["the client closed the connection after {n} bytes of its body", "客户端在发送 {n} 字节请求体后关闭了连接"],
  ["the database could not be reached: {error}", "无法连接数据库：{error}"],
  ["the database's disk is full: {error}", "数据库所在磁盘已满：{error}"],
  [
    "the database cannot be written (read-only file or file system): {error}",
    "数据库无法写入（文件或文件系统为只读）：{error}",
  ],
  ["the database stayed locked by another process: {error}", "数据库一直被其他进程锁定：{error}"],
  [
    "{detail} (logged without its links and decoded payloads: {error})",
    "{detail}（记录时去掉了关联和解码后的内容：{error}）",
  ],
  [
    "{detail} (written late without its links and decoded payloads: {error})",
    "{detail}（延后写入，去掉了关联和解码后的内容：{error}）",
  ],
  // An internal error: the error's class and its message, which stays as written.
  ["Error: {message}", "内部错误：{message}"],
  ["TypeError: {message}", "内部错误（TypeError）：{message}"],
  ["RangeError: {message}", "内部错误（RangeError）：{message}"],
  ["SyntaxError: {message}", "内部错误（SyntaxError）：{message}"],
  ["ReferenceError: {message}", "内部错误（ReferenceError）：{message}"],
  // Answered by the server before routing (bin/server.mjs, lib/callbacks/early.ts).
  ["answered before routing: {message}", "路由前已应答：{message}"],
  ["The URL path is not valid percent-encoding.", "URL 路径不是有效的百分号编码。"],

  // Parsing and verifying (lib/callbacks/verified.ts, timestamp.ts, replay-guard.ts).
  ["the body is JSON nested more than {n} levels deep", "请求体是嵌套超过 {n} 层的 JSON"],
  ["missing header(s): {names}", "缺少请求头：{names}"],
  ["sign {sign} does not match {formula} (tried the current key)", "签名 {sign} 与 {formula} 不符（已尝试当前密钥）"],
  [
    "sign {sign} does not match {formula} (tried the current and the previous key)",
    "签名 {sign} 与 {formula} 不符（已尝试当前密钥和上一个密钥）",
  ],
  [
    'md5(companyId + timestamp + secretKey + parameter) with companyId "{companyId}"',
    "md5(companyId + timestamp + secretKey + parameter)（companyId 为“{companyId}”）",
  ],
  [
    'sha1(integrationName + "&" + key + "&" + timestamp) with integrationName "{name}"',
    'sha1(integrationName + "&" + key + "&" + timestamp)（integrationName 为“{name}”）',
  ],
  [
    "md5(key + taskNodeId + sessionId + timestamp) with taskNodeId {node}, sessionId {session}",
    "md5(key + taskNodeId + sessionId + timestamp)（taskNodeId 为 {node}，sessionId 为 {session}）",
  ],
  [
    "md5(key + sessionId + timestamp) with taskNodeId {node}, sessionId {session}",
    "md5(key + sessionId + timestamp)（taskNodeId 为 {node}，sessionId 为 {session}）",
  ],
  ['timestamp "{timestamp}" is not a number', "时间戳“{timestamp}”不是数字"],
  ["timestamp {timestamp} is {seconds} s in the future", "时间戳 {timestamp} 比服务器时间超前 {seconds} 秒"],
  ["timestamp {timestamp} is {seconds} s old", "时间戳 {timestamp} 已过去 {seconds} 秒"],
  ["the tolerance is {seconds} s", "允许的误差为 {seconds} 秒"],
  // A copy of a call already accepted: with the same payload first, as the shorter forms match it too.
  [
    "sign {sign} with timestamp {timestamp} and the same payload was already accepted at {at}",
    "签名 {sign}、时间戳 {timestamp} 且内容相同的调用已于 {at} 接受过",
  ],
  [
    "sign {sign} with timestamp {timestamp} and the same payload was already accepted",
    "签名 {sign}、时间戳 {timestamp} 且内容相同的调用已接受过",
  ],
  [
    "sign {sign} with timestamp {timestamp} was already accepted at {at}",
    "签名 {sign}、时间戳 {timestamp} 的调用已于 {at} 接受过",
  ],
  ["sign {sign} with timestamp {timestamp} was already accepted", "签名 {sign}、时间戳 {timestamp} 的调用已接受过"],
  [
    "second {second} and the same payload was already accepted at {at}",
    "同一秒（{second}）内容相同的调用已于 {at} 接受过",
  ],
  ["second {second} and the same payload was already accepted", "同一秒（{second}）内容相同的调用已接受过"],
  ["second {second} was already accepted at {at}", "同一秒（{second}）的调用已于 {at} 接受过"],
  ["second {second} was already accepted", "同一秒（{second}）的调用已接受过"],
  ["duplicate: {detail}", "重复调用：{detail}"],

  // Field problems as the vendor's JSON schema reports them.
  ["Invalid input: expected {type}, received {received}", "输入无效：应为 {type}，实际为 {received}"],
  ["Invalid input", "输入无效"],

  // Sobot CRM docking (lib/vendors/sobot/crm.ts). Why a value does not decrypt is in lab.ts.
  ["the body is not JSON with a string parameter", "请求体不是含字符串 parameter 的 JSON"],
  ["parameter: {reason}", "parameter 无法解密：{reason}"],
  [
    "the parameter decrypts to bytes that are not text: tampered, or encrypted with another key",
    "parameter 解密后不是文本：已被篡改，或是用其他密钥加密的",
  ],
  ["the parameter decrypts to text that is not JSON", "parameter 解密后的文本不是 JSON"],
  ["the decrypted parameter is JSON nested more than {n} levels deep", "解密后的 parameter 是嵌套超过 {n} 层的 JSON"],
  ["the decrypted parameter is not a JSON object", "解密后的 parameter 不是 JSON 对象"],
  ["invalid query: {field}: {problem}", "查询无效：{field}：{problem}"],
  ["invalid query: {problems}", "查询无效：{problems}"],
  ["the query has none of partnerid/partnerId, tel, email", "查询中没有 partnerid/partnerId、tel、email 中的任何一项"],
  ["no customer matched", "没有匹配的客户"],
  [
    "tried {keys} (short parameter taken as plaintext, like the vendor's sample)",
    "已尝试 {keys}（与厂商示例一样，较短的 parameter 按明文处理）",
  ],
  ["tried {keys}", "已尝试 {keys}"],
  [
    "customer #{id} found by partner id (short parameter taken as plaintext, like the vendor's sample)",
    "按合作方 ID 找到客户 #{id}（与厂商示例一样，较短的 parameter 按明文处理）",
  ],
  [
    "customer #{id} found by phone (short parameter taken as plaintext, like the vendor's sample)",
    "按电话找到客户 #{id}（与厂商示例一样，较短的 parameter 按明文处理）",
  ],
  [
    "customer #{id} found by email (short parameter taken as plaintext, like the vendor's sample)",
    "按邮箱找到客户 #{id}（与厂商示例一样，较短的 parameter 按明文处理）",
  ],
  [
    "verified with the previous key (short parameter taken as plaintext, like the vendor's sample)",
    "已用上一个密钥验证（与厂商示例一样，较短的 parameter 按明文处理）",
  ],
  ["customer #{id} found by partner id", "按合作方 ID 找到客户 #{id}"],
  ["customer #{id} found by phone", "按电话找到客户 #{id}"],
  ["customer #{id} found by email", "按邮箱找到客户 #{id}"],
  ["customer #{id} found by {key}", "按 {key} 找到客户 #{id}"],
  ["verified with the previous key", "已用上一个密钥验证"],
  ["left out (no Sobot id in the dictionary): {items}", "已略去（字典中没有对应的智齿 ID）：{items}"],
  ['VIP level "{value}"', "VIP 等级“{value}”"],
  ['custom field "{value}"', "自定义字段“{value}”"],
  ['label "{value}"', "标签“{value}”"],
  ['email "{value}"', "邮箱“{value}”"],
  ['phone "{value}"', "电话“{value}”"],
  ["and {n} more", "另有 {n} 项"],

  // Sobot webhook app (lib/vendors/sobot/webhook.ts, push.ts, upsert.ts); its missing shared secret is in lab.ts.
  ["header {name} does not match the shared secret", "请求头 {name} 与共享密钥不符"],
  ["header {name} is missing", "缺少请求头 {name}"],
  ["the Basic credentials do not match", "Basic 凭据不符"],
  ["the Authorization: Basic header is missing", "缺少 Authorization: Basic 请求头"],
  ["the body is not JSON", "请求体不是 JSON"],
  ["id is required (the Sobot customer id)", "id 为必填项（智齿客户 ID）"],
  ["invalid push: {field}: {problem}", "推送的客户无效：{field}：{problem}"],
  ["invalid push: {fields}", "推送的客户无效：{fields}"],
  ["duplicate push: the same body was applied at {at}", "重复推送：相同内容已于 {at} 应用过"],
  ["nothing changed", "未做任何更改"],
  ["created customer #{id}", "已创建客户 #{id}"],
  ["updated customer #{id} (matched by Sobot customer id)", "已更新客户 #{id}（按智齿客户 ID 匹配）"],
  ["updated customer #{id} (matched by email {email})", "已更新客户 #{id}（按邮箱 {email} 匹配）"],
  ["updated customer #{id} (matched by phone {phone})", "已更新客户 #{id}（按电话 {phone} 匹配）"],
  ["updated customer #{id} (matched by {key})", "已更新客户 #{id}（按 {key} 匹配）"],
  ["updated customer #{id}", "已更新客户 #{id}"],
  // The first item of a list: written here with the head, so that the item's reason is translated too.
  ["left out: email {value} ({problem})", "已略去：邮箱 {value}（{problem}）"],
  ["left out: tel {value} ({problem})", "已略去：电话 {value}（{problem}）"],
  ["left out: user_label {value} ({problem})", "已略去：标签 {value}（{problem}）"],
  ["left out: {items}", "已略去：{items}"],
  ["older values dropped to stay within the limits: {items}", "为不超出上限，已删去较旧的值：{items}"],
  [
    "Sobot ids not in the dictionary of company {company}, kept as they came: {items}",
    "公司 {company} 的字典中没有这些智齿 ID，已按原样保留：{items}",
  ],
  ["{name} (a list, not text)", "{name}（是列表，不是文本）"],
  ["{name} (an object, not text)", "{name}（是对象，不是文本）"],
  ["{name} ({length} characters; at most {max})", "{name}（{length} 个字符，最多 {max} 个）"],
  ["ex_fields (not an object)", "ex_fields（不是对象）"],
  [
    "{name} (a field id of letters, digits, _ . - only, at most 64)",
    "{name}（字段 ID 只能包含字母、数字和 _ . -，最多 64 个字符）",
  ],
  ["is_vip {value} (0 or 1)", "is_vip {value}（应为 0 或 1）"],
  ["email {value} ({problem})", "邮箱 {value}（{problem}）"],
  ["tel {value} ({problem})", "电话 {value}（{problem}）"],
  ["user_label {value} ({problem})", "标签 {value}（{problem}）"],
  ["longer than {n} characters", "超过 {n} 个字符"],
  ["contains a separator", "包含分隔符"],

  // Udesk robot webhooks (lib/vendors/udesk/handlers.ts, customer.ts, lib/templates/render.ts).
  ["invalid message-triggered call: {field}: {problem}", "消息触发调用无效：{field}：{problem}"],
  ["invalid message-triggered call: {problems}", "消息触发调用无效：{problems}"],
  ["invalid task-push call: {field}: {problem}", "任务推送调用无效：{field}：{problem}"],
  ["invalid task-push call: {problems}", "任务推送调用无效：{problems}"],
  ["invalid knowledge-base call: {field}: {problem}", "知识库调用无效：{field}：{problem}"],
  ["invalid knowledge-base call: {problems}", "知识库调用无效：{problems}"],
  [
    'integrationName "{received}" is not this integration\'s "{expected}"',
    "integrationName“{received}”与本对接的“{expected}”不一致",
  ],
  ["rule #{position} ({matchType})", "规则 #{position}（{matchType}）"],
  ["default answer", "默认答案"],
  ["customer #{id} by {key}", "按 {key} 找到客户 #{id}"],
  ["no customer key in the call", "调用中没有可用于查找客户的字段"],
  ["no template for task node {node} and no default", "任务节点 {node} 没有对应的模板，也没有默认模板"],
  ["?template={form} is not a form template of this integration", "?template={form} 不是本对接的表单模板"],
  [
    'template "{name}" ({kind}): {count} of {total} item(s), page {page}',
    "模板“{name}”（{kind}）：第 {page} 页，{count}/{total} 项",
  ],
  ['template "{name}" could not answer: {field}: {problem}', "模板“{name}”无法应答：{field}：{problem}"],
  ['template "{name}" could not answer: {problems}', "模板“{name}”无法应答：{problems}"],
  ["{n} tab(s) beyond Udesk's {max} left out", "超出 Udesk 上限（{max} 个）的 {n} 个标签页已略去"],
  ["{n} item(s) in no shown tab left out", "{n} 个不属于任何显示标签页的项目已略去"],
  [
    "{n} of {total} item(s) left out (Udesk's drawer holds {max})",
    "{total} 个项目中有 {n} 个已略去（Udesk 抽屉最多显示 {max} 个）",
  ],
  [
    "{n} id(s) not a whole number: the order's id or the position was sent",
    "{n} 个 ID 不是整数：已改为发送订单的 ID 或位置",
  ],
  ["entry #{id}", "条目 #{id}"],
  ["no entry matched", "没有匹配的条目"],
  ["the fallback answered", "已用兜底答案应答"],
  ["no entry matched and there is no fallback", "没有匹配的条目，也没有兜底答案"],

  // Hyphenate CRM panel (lib/vendors/hyphenate/iframe.ts).
  [
    'parameter "{name}", which finds the customer, does not decrypt: {reason}',
    "用于查找客户的参数“{name}”无法解密：{reason}",
  ],
  ["kept as sent (did not decrypt): {params}", "未能解密，已按原样保留：{params}"],
  ['no customer has {kind} "{value}"', "没有 {kind} 为“{value}”的客户"],
  ["the request has no {name} parameter", "请求中没有 {name} 参数"],

  // Calls Deskbridge makes to Sobot's open platform (lib/vendors/sobot/api).
  ["token valid for {seconds} s", "令牌有效期 {seconds} 秒"],
  ["network error: {error}", "网络错误：{error}"],
  ["retried: {why}", "已重试：{why}"],
  ["not retried: {why}", "未重试：{why}"],
  ["the connection was never made, so the canvas cannot have run", "连接未建立，画布不可能已执行"],
  ["Sobot may have received it and run the canvas", "智齿可能已收到请求并执行了画布"],
  ["Sobot was unavailable and did not take it", "智齿暂不可用，未接收该请求"],
  ["Sobot may have run the canvas before answering {status}", "智齿可能在返回 {status} 之前已执行画布"],
  ["Sobot answered HTTP {status} without a return code", "智齿返回 HTTP {status}，但没有返回码"],
  ["Sobot error {code}: {message}", "智齿错误 {code}：{message}"],
  ["Unknown Sobot code {code}", "未知的智齿返回码 {code}"],
  ["Operation done", "操作成功"],
  ["Null token", "令牌为空"],
  ["Token expired: a new one is needed", "令牌已过期：需要获取新令牌"],
  ["Incorrect signature (check appid and app_key)", "签名不正确（请检查 appid 和 app_key）"],
  ["Company API configuration not found (check appid)", "未找到公司的 API 配置（请检查 appid）"],
  ["Unknown system exception at Sobot", "智齿系统出现未知异常"],
  ["Missing trigger-id or token", "缺少 trigger-id 或令牌"],
  [
    "Illegal trigger-id or token (check the trigger's id and secret)",
    "trigger-id 或令牌无效（请检查触发器的 ID 和密钥）",
  ],
  ["Illegal customer id field in the body", "请求体中的客户 ID 字段无效"],
  ["The trigger exceeds its limit of 50 requests per second", "触发器超出每秒 50 次请求的上限"],
  ["The rule-engine canvas is not activated", "规则引擎画布未激活"],
  ["No matching customer", "没有匹配的客户"],
];
