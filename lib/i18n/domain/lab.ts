// Chinese for the lab messages the domain layer writes in English (see index.ts for the format):
// the lab's answers, its notes on a built request, and the common explanations of a failed call
// (lib/lab/**). Rarer explanations stay in English.
import type { Phrases } from "./phrase";

const kinds: Phrases = [
  ["Sobot CRM docking", "智齿 CRM 对接"],
  ["Sobot webhook app", "智齿 webhook 应用"],
  ["Udesk message-triggered", "Udesk 消息触发型"],
  ["Udesk task push", "Udesk 任务推送型"],
  ["Udesk knowledge base", "Udesk 知识库"],
  ["Hyphenate CRM panel", "环信 CRM 面板"],
];

const answers: Phrases = [
  ["Built.", "已构造。"],
  [
    "Sent: HTTP {status}, logged as call #{id} ({outcome}).",
    "已发送：HTTP {status}，记录为调用记录 #{id}（{outcome}）。",
  ],
  ["Sent: HTTP {status}.", "已发送：HTTP {status}。"],
  ["Pick a call kind.", "请选择调用类型。"],
  ["Pick a call kind", "请选择调用类型"],
  ["Pick a Sobot CRM or Hyphenate integration.", "请选择一个智齿 CRM 或环信对接。"],
  ["Pick a Sobot CRM or Hyphenate integration", "请选择一个智齿 CRM 或环信对接"],
  ["Pick a {vendor} integration.", "请选择一个 {vendor} 对接。"],
  ["Pick a {vendor} integration", "请选择一个 {vendor} 对接"],
  ["The payload is not valid JSON: {reason}", "请求内容不是有效的 JSON：{reason}"],
  ["This integration has no key set.", "此对接没有设置密钥。"],
  ["This integration has no key set", "此对接没有设置密钥"],
  ["Decrypted with the current key.", "已用当前密钥解密。"],
  ["Decrypted with the previous key.", "已用旧密钥解密。"],
  ["Does not decrypt: {reason}.", "无法解密：{reason}。"],
  ["Give a call number.", "请填写调用记录编号。"],
  ["A call number such as 42", "调用记录编号，例如 42"],
  ["There is no call #{id}.", "没有调用记录 #{id}。"],
  ["No call #{id}", "没有调用记录 #{id}"],
  [
    "The timestamp must be Unix seconds (digits only), or empty for now.",
    "时间戳必须是 Unix 秒（只含数字），留空表示当前时间。",
  ],
  ["The payload must be a JSON object ({what}).", "请求内容必须是 JSON 对象（{what}）。"],
  ["A task push needs a sessionId.", "任务推送需要 sessionId。"],
  [
    "This integration has no {name} set: set it on the integration's page first.",
    "此对接没有设置 {name}：请先在对接页面设置。",
  ],
  [
    "the value decrypts to bytes that are not text: most likely the wrong key",
    "解密得到的字节不是文本：很可能是密钥不对",
  ],
  ["the ciphertext is empty", "密文为空"],
  ["the value is empty", "值为空"],
  ["the ciphertext has an odd number of hex digits ({n})", "密文的十六进制位数为奇数（{n}）"],
  ["the value has an odd number of hex digits ({n})", "值的十六进制位数为奇数（{n}）"],
  ["the ciphertext contains characters that are not hex digits", "密文包含非十六进制字符"],
  ["the value contains characters that are not hex digits", "值包含非十六进制字符"],
  [
    "the ciphertext is {n} bytes, not a multiple of the 16-byte AES block",
    "密文为 {n} 字节，不是 16 字节 AES 分组的整数倍",
  ],
  ["the value is {n} bytes, not a multiple of the 8-byte DES block", "值为 {n} 字节，不是 8 字节 DES 分组的整数倍"],
  ["the padding is wrong after decryption: most likely the wrong key", "解密后的填充不对：很可能是密钥不对"],
  [
    "Could not reach Deskbridge at {self}: {cause}. " +
      "Set DESKBRIDGE_SELF_URL to an address this server reaches itself at.",
    "无法访问 {self} 上的 Deskbridge：{cause}。请把 DESKBRIDGE_SELF_URL 设为本服务器能访问到自己的地址。",
  ],
];

const notes: Phrases = [
  ["This integration is disabled: expect 404.", "此对接已停用：预期返回 404。"],
  [
    "Signed with a deliberately wrong key: expect 401 bad_signature.",
    "故意用错误的密钥签名：预期返回 401 bad_signature。",
  ],
  [
    "Signed and encrypted with a deliberately wrong key: expect 401 bad_signature.",
    "故意用错误的密钥签名并加密：预期返回 401 bad_signature。",
  ],
  [
    "Authenticated with a deliberately wrong shared secret: expect 401 bad_signature.",
    "故意用错误的共享密钥认证：预期返回 401 bad_signature。",
  ],
  [
    "Encrypted with a deliberately wrong key ({key}): expect 400 decrypt_failed.",
    "故意用错误的密钥（{key}）加密：预期返回 400 decrypt_failed。",
  ],
  [
    "Send really writes: the push creates or updates the customer with this id.",
    "发送会真的写入：推送会新建或更新此 ID 的客户。",
  ],
  ["The header {name} carries the shared secret.", "请求头 {name} 携带共享密钥。"],
  ["HTTP Basic: the user name and the shared secret as the password.", "HTTP Basic：用户名，以及作为密码的共享密钥。"],
  [
    "This integration has no encryption key: parameters are sent in clear and a wrong key changes nothing.",
    "此对接没有加密密钥：参数以明文发送，错误的密钥不起作用。",
  ],
  [
    "parameter = AES-128-ECB of the query, key = first 16 bytes of SHA1(SHA1(secretKey)), PKCS#5, upper-case hex.",
    "parameter = 查询内容的 AES-128-ECB 密文，密钥 = SHA1(SHA1(secretKey)) 的前 16 个字节，PKCS#5，大写十六进制。",
  ],
];

const explanations: Phrases = [
  ["The sign matches the current {secret}.", "签名与当前的 {secret} 一致。"],
  [
    "The sign is right (current {secret}); the timestamp is outside the window.",
    "签名正确（当前的 {secret}）；但时间戳超出了允许范围。",
  ],
  ["The sign matches the previous {secret}, not the current one.", "签名与旧的 {secret} 一致，而不是当前的。"],
  [
    "The sign does not match: expected {expected} with the current {secret}, received {received}.",
    "签名不一致：用当前的 {secret} 应为 {expected}，收到的是 {received}。",
  ],
  ["{summary} The call did not fail on its sign ({outcome}).", "{summary}该调用并非因签名失败（{outcome}）。"],
  [
    "{summary} The call was answered, but nothing matched what the vendor sent.",
    "{summary}该调用已应答，但没有与厂商所发内容匹配的记录。",
  ],
  [
    "The call was answered, but nothing matched what the vendor sent.",
    "该调用已应答，但没有与厂商所发内容匹配的记录。",
  ],
  ["what the lookup tried: {detail}", "查找时尝试了：{detail}"],
  ["Only calls a vendor made to Deskbridge are explained.", "只解释厂商发给 Deskbridge 的调用。"],
  ["Calls of {kind} are not explained.", "不解释 {kind} 类调用。"],
  [
    "The call's integration no longer exists (or is another vendor's): nothing to recompute.",
    "该调用的对接已不存在（或属于其他厂商）：无法重新计算。",
  ],
  ["The request body was deleted by retention: nothing to recompute.", "请求体已按保留期限删除：无法重新计算。"],
  ["The body is not a JSON object: there is no sign to recompute.", "请求体不是 JSON 对象：没有可重新计算的签名。"],
  [
    "The request has no timestamp header or no JSON parameter: there is no sign to recompute.",
    "请求没有 timestamp 请求头或 JSON parameter：没有可重新计算的签名。",
  ],
  ["The integration has no encryption key: nothing is decrypted.", "此对接没有加密密钥：不解密任何内容。"],
  ["the integration has no {secret} set", "此对接没有设置 {secret}"],
  [
    "signed with the previous key (rotation): the caller still uses the {secret} that was replaced",
    "用旧密钥签名（已轮换）：调用方仍在使用已被替换的 {secret}",
  ],
  [
    "wrong key: the sign matches neither the current nor the previous {secret} " +
      "(expected {expected}, received {received})",
    "密钥错误：签名与当前和旧的 {secret} 都不一致（应为 {expected}，收到 {received}）",
  ],
  [
    "wrong key: the sign matches neither the current {secret} (expected {expected}, received {received})",
    "密钥错误：签名与当前的 {secret} 不一致（应为 {expected}，收到 {received}）",
  ],
  ["the request carries no sign", "请求不带签名"],
  [
    "timestamp drift of {drift} s (old; the tolerance is {tolerance})",
    "时间戳偏差 {drift} 秒（已过期；容差为 {tolerance}）",
  ],
  [
    "timestamp drift of {drift} s (in the future; the tolerance is {tolerance})",
    "时间戳偏差 {drift} 秒（在未来；容差为 {tolerance}）",
  ],
  [
    'integration name differs: the request says "{sent}", the integration is configured as "{configured}"',
    "对接名称不一致：请求中为“{sent}”，对接配置的是“{configured}”",
  ],
  [
    "body re-encoded: the sign matches the integration name as {how}",
    "请求体被重新编码：签名与按 {how} 处理的对接名称一致",
  ],
  [
    "the same call (sign, timestamp and payload) was accepted before: a copy sent again, " +
      'a vendor retry of a call that was already answered, or "Resend original" in the dashboard. ' +
      'Vendors sign each new call with a fresh timestamp; "Re-sign and send" makes a new one',
    "相同的调用（签名、时间戳和内容）之前已被接受：可能是重复发送的副本、厂商对已应答调用的重试，" +
      "或控制台中的“Resend original”。厂商每次新调用都会用新的时间戳签名；“Re-sign and send”会生成新的调用",
  ],
  [
    "the parameter was encrypted with the current key but signed with the previous key",
    "parameter 用当前密钥加密，却用旧密钥签名",
  ],
  [
    "the parameter was encrypted with the previous key but signed with the current key",
    "parameter 用旧密钥加密，却用当前密钥签名",
  ],
  ["the {name} header is missing: set it in Sobot's webhook app", "缺少请求头 {name}：请在智齿 webhook app 中设置"],
  [
    "wrong key: the {name} header does not match the shared secret " +
      "(the log redacts its value, so it cannot be compared here)",
    "密钥错误：请求头 {name} 与共享密钥不一致（调用记录隐去了它的值，无法在此比较）",
  ],
  ["wrong key: the {name} header does not match the shared secret", "密钥错误：请求头 {name} 与共享密钥不一致"],
  [
    "signed with the previous key (rotation): the webhook accepts the current shared secret only",
    "用旧密钥签名（已轮换）：webhook 只接受当前的共享密钥",
  ],
  ["the integration requires authentication but has no shared secret set", "此对接要求认证，但没有设置共享密钥"],
  ["A parameter does not decrypt with the current key.", "有参数无法用当前密钥解密。"],
  ["Every encrypted parameter decrypts with the current key.", "所有加密参数都能用当前密钥解密。"],
  // What usually goes wrong, per kind.
  [
    "wrong company id: Sobot signs with the companyId of its docking scheme",
    "公司 ID 错误：智齿用其对接方案的 companyId 签名",
  ],
  [
    "wrong secret key, or an old key after a rotation whose grace period has ended",
    "密钥错误，或轮换后宽限期已过的旧密钥",
  ],
  ["timestamp drift between Sobot's clock and this server's", "智齿与本服务器的时钟之间存在时间戳偏差"],
  [
    "body re-encoded by a proxy (the sign covers the parameter exactly as sent)",
    "请求体被代理重新编码（签名覆盖原样发送的 parameter）",
  ],
  [
    "the shared header or Basic credentials are not set in Sobot's webhook app",
    "智齿 webhook app 中没有设置共享请求头或 Basic 凭据",
  ],
  [
    "an old shared secret after a rotation (the webhook accepts the current one only)",
    "轮换后的旧共享密钥（webhook 只接受当前的）",
  ],
  ["a proxy that strips the header", "代理去掉了请求头"],
  [
    "integration name differs from the one configured in Udesk (it is part of the signed string, exactly, in UTF-8)",
    "对接名称与 Udesk 中配置的不一致（它按 UTF-8 原样作为签名字符串的一部分）",
  ],
  ["wrong key, or an old key after a rotation whose grace period has ended", "密钥错误，或轮换后宽限期已过的旧密钥"],
  ["wrong key, or an old key after a rotation", "密钥错误，或轮换后的旧密钥"],
  ["timestamp drift", "时间戳偏差"],
  [
    "body re-encoded (the name signed as Latin-1 instead of UTF-8)",
    "请求体被重新编码（名称按 Latin-1 而不是 UTF-8 签名）",
  ],
  [
    "taskNodeId / sessionId in the body differ from the ones signed (the vendor's own curl example does this)",
    "请求体中的 taskNodeId / sessionId 与签名所用的不一致（厂商自己的 curl 示例就是这样）",
  ],
  ['the "&" between key and timestamp left out', "漏掉了 key 与 timestamp 之间的“&”"],
  ["wrong encryption key (only its first 8 bytes count)", "加密密钥错误（只有前 8 个字节有效）"],
  ["an old key after a rotation: the panel decrypts with the current key only", "轮换后的旧密钥：面板只用当前密钥解密"],
];

export const phrases: Phrases = [...kinds, ...answers, ...notes, ...explanations];
