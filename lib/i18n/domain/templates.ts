// Chinese for the templates messages the domain layer writes in English (see index.ts for the format):
// card templates (lib/templates), Udesk's answer formats (lib/vendors/udesk/schemas.ts), the editor's
// warnings (lib/templates/editor-checks.ts) and the answer rules (lib/vendors/udesk/rules.ts).
import type { Phrases } from "./phrase";

const templates: Phrases = [
  ["Template saved.", "模板已保存。"],
  ["The template could not be read; reload the page.", "无法读取模板，请刷新页面。"],
  ["The template has invalid fields.", "模板的字段有误。"],
  ["Template #{id} does not exist.", "模板 #{id} 不存在。"],
  ["Pick a Udesk integration.", "请选择一个 Udesk 对接。"],
  ["Pick a Udesk integration", "请选择一个 Udesk 对接"],
  ["Another template is already this integration's default.", "已有另一个模板是此对接的默认模板。"],
  ["Another template already answers task node {node}.", "已有另一个模板应答任务节点 {node}。"],
  ["Already taken by another template", "已被另一个模板占用"],
  ["A name is required", "名称为必填项"],
  ["At most {n} characters", "最多 {n} 个字符"],
  ["A task node id is a number", "任务节点 ID 必须是数字"],
  [
    "A form template has its own URL: it cannot also be the integration's default",
    "表单模板有自己的 URL，不能同时作为对接的默认模板",
  ],
  [
    "A form template answers its own URL, not a task node: leave the task node id empty",
    "表单模板应答自己的 URL，而不是任务节点：请把任务节点 ID 留空",
  ],
  [
    "Give the task node id, make this the integration's default, or make it a form template",
    "请填写任务节点 ID，或设为对接的默认模板，或设为表单模板",
  ],
  ["Pick a kind", "请选择类型"],
  ["A whole number", "整数"],
  ["A tab needs an id", "标签页需要 ID"],
  ["A tab needs a name", "标签页需要名称"],
  ['Variable name "{key}": letters, digits, _ only', "变量名“{key}”：只能包含字母、数字和 _"],
  ["A drawer list has at most {n} tabs (Udesk's limit)", "抽屉列表最多 {n} 个标签页（Udesk 的限制）"],
  ["A drawer list has at most {n} tabs", "抽屉列表最多 {n} 个标签页"],
  ["A drawer list has at most {n} items", "抽屉列表最多 {n} 个条目"],
  [
    "An http:// or https:// URL, or a {{placeholder}} such as {{order.imageUrl}}",
    "http:// 或 https:// URL，或 {{placeholder}} 占位符，例如 {{order.imageUrl}}",
  ],
  [
    "Udesk reads this id as a whole number: use {{order.id}}, {{index}} or a number, not text " +
      "such as {{{path}}} (show that in a display field instead)",
    "Udesk 把此 ID 当作整数读取：请使用 {{order.id}}、{{index}} 或数字，不能用 {{{path}}} 这样的文本（请把它放在展示字段中）",
  ],
  [
    "Udesk reads this id as a whole number: use {{order.id}}, {{index}} or a number, not text " +
      "(show that in a display field instead)",
    "Udesk 把此 ID 当作整数读取：请使用 {{order.id}}、{{index}} 或数字，不能用文本（请把文本放在展示字段中）",
  ],
  ["Udesk reads this id as a whole number", "Udesk 把此 ID 当作整数读取"],
  ["The answer would not be valid for Udesk: {problem}", "该应答不符合 Udesk 的格式：{problem}"],
  ["Call #{id} is not a logged Udesk task push with its request.", "调用记录 #{id} 不是带请求内容的 Udesk 任务推送。"],
  ["Customer #{id} does not exist.", "客户 #{id} 不存在。"],
  ["Sign in to preview.", "请登录后预览。"],
  ["sample data", "示例数据"],
  ["call #{id}", "调用记录 #{id}"],
  ["customer #{id} ({name})", "客户 #{id}（{name}）"],
];

const udesk: Phrases = [
  ["A title is required", "标题为必填项"],
  ["An option needs a value", "选项需要值"],
  ["At least one option", "至少一个选项"],
  ["A product needs a name", "商品需要名称"],
  ["At least one product", "至少一个商品"],
  ["A rich-text card needs content", "富文本卡片需要内容"],
  ["A FAQ card needs its text", "FAQ 卡片需要文本"],
  ["A FAQ card needs questions", "FAQ 卡片需要问题"],
  ["At least one card", "至少一张卡片"],
  ["An item needs a title", "条目需要标题"],
  ["At least one tab", "至少一个标签页"],
  ['Item "{title}" names tab {tab}, which does not exist', "条目“{title}”指定的标签页 {tab} 不存在"],
];

const warnings: Phrases = [
  [
    "{{{path}}} names nothing: start with customer., order., shipment., item. or var.",
    "{{{path}}} 没有指向任何内容：请以 customer.、order.、shipment.、item. 或 var. 开头",
  ],
  ["{{{path}}} needs a field, e.g. {{{root}.name}}", "{{{path}}} 需要字段，例如 {{{root}.name}}"],
  [
    "{{{path}}} is not a field of {root}: did you mean {{{suggestion}}}?",
    "{{{path}}} 不是 {root} 的字段：是不是 {{{suggestion}}}？",
  ],
  ["{{{path}}} is not a field of {root}", "{{{path}}} 不是 {root} 的字段"],
  ["{{{path}}}: {field} has no fields", "{{{path}}}：{field} 没有下级字段"],
  [
    "A placeholder is not closed: write it as {{order.title}}, with both braces",
    "占位符没有闭合：请写成 {{order.title}}，前后都要有双大括号",
  ],
  [
    "Task node {node} will not be kept: the default answers no single node. Clear it, or untick the box.",
    "任务节点 {node} 不会保留：默认模板不对应单个节点。请清空它，或取消勾选。",
  ],
  [
    "Task node {node} will not be kept: a form template answers no single node. Clear it, or untick the box.",
    "任务节点 {node} 不会保留：表单模板不对应单个节点。请清空它，或取消勾选。",
  ],
];

const rules: Phrases = [
  ["Rule saved.", "规则已保存。"],
  ["Rule deleted.", "规则已删除。"],
  ["Entry added.", "条目已添加。"],
  ["Entry deleted.", "条目已删除。"],
  ["Moved up.", "已上移。"],
  ["Moved down.", "已下移。"],
  ["The rule has invalid fields.", "规则的字段有误。"],
  ["The entry has invalid fields.", "条目的字段有误。"],
  ["At least 1", "至少为 1"],
  ["regex, question or always", "regex、question 或 always"],
  ["An answer is required", "答案为必填项"],
  ["The answer is required", "答案为必填项"],
  ["A pattern is required for this match", "此匹配方式需要匹配内容"],
  ["Give a datum id, a template attribute id, or both", "请填写知识点 ID、模板属性 ID，或两者都填"],
  ["Type a question to test.", "请输入要测试的问题。"],
  ["Type a question", "请输入问题"],
  ["There is no customer #{id}.", "没有客户 #{id}。"],
  ["No such customer", "没有此客户"],
  [
    "Lookahead and lookbehind ((?=…), (?!…), (?<=…), (?<!…)) are not supported; match the text itself",
    "不支持前瞻和后顾（(?=…)、(?!…)、(?<=…)、(?<!…)）；请直接匹配文本本身",
  ],
  [
    "Back-references such as \\1 are not supported; spell the repeated text out",
    "不支持 \\1 这样的反向引用；请把重复的文本写出来",
  ],
  ["A repeat count can be at most 1000", "重复次数最多为 1000"],
  ["Not a valid regular expression: {reason}", "不是有效的正则表达式：{reason}"],
];

export const phrases: Phrases = [...templates, ...udesk, ...warnings, ...rules];
