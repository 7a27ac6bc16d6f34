// Configuration as code, end to end: an installation configured through the CLI is exported with
// `deskbridge config export`, imported with `deskbridge config import` into an empty database,
// given its secrets through the CLI (the file never holds them), and then answers every kind of
// signed vendor call exactly as the original does: Sobot CRM lookups (decrypted), Sobot pushes,
// Udesk message, task and knowledge calls, and the Hyphenate panel with an encrypted parameter.
// Both installations are production servers of their own, on the two ports after the four
// scale-out.spec.ts uses, each with its own SQLite file and its own master key.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { decrypt as sobotDecrypt, encrypt as sobotEncrypt, sign as sobotSign } from "../lib/vendors/sobot/codec";
import { knowledgeSign, messageSign, taskSign } from "../lib/vendors/udesk/codec";
import { desEncrypt } from "../lib/vendors/hyphenate/codec";
import { ACCOUNTS, E2E_ENV, TMP_DIR } from "./env.mjs";

// Secrets of this spec's integrations: set on each installation, never in the file.
const SECRETS = {
  crm: "rt-S0bot-secret-Key-6a1f",
  udesk: "rt-udesk-key-0b93e4",
  hyphenate: "12345678-rt-hyphenate",
  webhook: "rt-webhook-shared-secret-c7",
};
const COMPANY_ID = "rt-company";
const UDESK_NAME = "对接一";
const ROOT = path.resolve(import.meta.dirname, "..");
const BASE_PORT = Number(process.env.E2E_PORT ?? 3210);
const SIDES = ["original", "copy"] as const;
type Side = (typeof SIDES)[number];
const PORTS: Record<Side, number> = { original: BASE_PORT + 5, copy: BASE_PORT + 6 };
const DIRS: Record<Side, string> = {
  original: path.join(TMP_DIR, "round-trip-original"),
  copy: path.join(TMP_DIR, "round-trip-copy"),
};
const KEYS: Record<Side, string> = {
  original: crypto.randomBytes(32).toString("hex"),
  copy: crypto.randomBytes(32).toString("hex"),
};

const envOf = (side: Side): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...E2E_ENV,
    DATABASE_URL: `file:${path.join(DIRS[side], "deskbridge.db")}`,
    DESKBRIDGE_DATA_DIR: DIRS[side],
    DESKBRIDGE_MASTER_KEY: KEYS[side],
    DESKBRIDGE_DEMO: "0",
    ADMIN_EMAIL: ACCOUNTS.admin.email,
    ADMIN_PASSWORD: ACCOUNTS.admin.password,
    DESKBRIDGE_ACTOR: "cli:round-trip-test",
  };
  delete env.NEXTAUTH_URL;
  return env;
};

/** Runs the CLI against one side; returns stdout (parsed when --json is among the arguments). */
function cli(side: Side, ...args: string[]) {
  const run = spawnSync(process.execPath, ["bin/deskbridge.mjs", ...args], {
    cwd: ROOT,
    env: envOf(side),
    encoding: "utf8",
    timeout: 60_000,
  });
  expect(run.status, `deskbridge ${args.join(" ")}:\n${run.stderr}`).toBe(0);
  return args.includes("--json") ? JSON.parse(run.stdout) : run.stdout;
}

const servers: Partial<Record<Side, { child: ChildProcess; output: string[] }>> = {};

async function start(side: Side) {
  const child = spawn(
    process.execPath,
    [path.join(ROOT, "bin", "server.mjs"), "-p", String(PORTS[side]), "-H", "127.0.0.1"],
    {
      cwd: ROOT,
      env: envOf(side),
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const output: string[] = [];
  child.stdout!.on("data", (d) => output.push(String(d)));
  child.stderr!.on("data", (d) => output.push(String(d)));
  servers[side] = { child, output };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${side} server exited:\n${output.join("").slice(-3000)}`);
    const ok = await fetch(`http://127.0.0.1:${PORTS[side]}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${side} server not healthy:\n${output.join("").slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

async function stop(side: Side) {
  const server = servers[side];
  if (!server || server.child.exitCode !== null) return;
  const exited = new Promise((r) => server.child.once("exit", r));
  server.child.kill("SIGTERM");
  const timer = setTimeout(() => server.child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

type Endpoints = { crm: string; webhook: string; iframe: string; message: string; task: string; knowledge: string };
const endpoints: Partial<Record<Side, Endpoints>> = {};

function endpointsOf(side: Side): Endpoints {
  const list = cli(side, "integrations", "list", "--json") as { vendor: string; endpoints: Record<string, string> }[];
  const of = (vendor: string) => list.find((i) => i.vendor === vendor)!.endpoints;
  return { ...of("sobot-crm"), ...of("sobot-webhook"), ...of("hyphenate"), ...of("udesk") } as Endpoints;
}

/** The same customer, added the same way on both sides (customers are data, not configuration). */
function addCustomer(side: Side) {
  cli(
    side,
    "customers",
    "add",
    "--uname",
    "往返客户",
    "--realname",
    "Round Trip",
    "--email",
    "round.trip@example.com",
    "--tel",
    "13912345678",
    "--vip",
    "--vip-level",
    "gold",
    "--label",
    "重要客户",
    "--field",
    "city=上海",
    "--external-id",
    "sobot-partner=RT-P1",
    "--external-id",
    "udesk-customer=RT-U1",
    "--external-id",
    "hyphenate-visitor=RT-V1",
  );
}

// The answers Udesk's robot gets: rules, task templates and knowledge entries, and the Sobot
// dictionary the CRM answers send ids from. Loaded into the original from a file of its own.
const ANSWERS = {
  format: "deskbridge-config",
  version: 1,
  integrations: [
    {
      vendor: "udesk",
      name: "Round-trip Udesk",
      settings: { integrationName: UDESK_NAME, defaultAnswer: "转人工客服", knowledgeFallback: "暂无答案" },
      rules: [
        { matchType: "question", pattern: "退货|退款", answer: "{{customer.uname}}，退货请在订单页申请" },
        { matchType: "regex", pattern: "^发票", answer: "发票将在三个工作日内开具" },
      ],
      templates: [
        {
          name: "Menu",
          taskNodeId: "100",
          config: {
            kind: "selective_list",
            title: "请选择",
            source: "static",
            staticItems: [
              { id: "1", title: "查询订单" },
              { id: "2", title: "联系人工" },
            ],
            mapping: { id: "{{item.id}}", title: "{{item.title}}" },
          },
        },
        {
          name: "Fallback table",
          isDefault: true,
          config: {
            kind: "selective_table",
            title: "其他",
            source: "static",
            rowNumber: 1,
            columnNumber: 2,
            staticItems: [{ title: "A" }, { title: "B" }],
            mapping: { title: "{{item.title}}" },
          },
        },
      ],
      knowledge: [{ datumId: "7", msgType: "text", content: "营业时间 9:00-18:00" }],
    },
  ],
  sobotDictionary: [{ companyId: COMPANY_ID, labels: { 重要客户: "L1" }, vipLevels: { gold: "V2" }, fields: {} }],
};

// ------------------------------------------------------------------ the calls of every kind

const now = () => Math.floor(Date.now() / 1000);
type Answer = { status: number; body: unknown };

async function post(side: Side, url: string, body: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`http://127.0.0.1:${PORTS[side]}${url}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
  const text = await response.text();
  return { status: response.status, body: text.startsWith("{") ? JSON.parse(text) : text };
}

async function crm(side: Side, query: Record<string, string>): Promise<Answer> {
  const timestamp = String(now());
  const parameter = sobotEncrypt(JSON.stringify(query), SECRETS.crm);
  const answer = await post(side, endpoints[side]!.crm, JSON.stringify({ parameter }), {
    timestamp,
    sign: sobotSign(COMPANY_ID, timestamp, SECRETS.crm, parameter),
  });
  // Sobot's answer is encrypted (with a fresh IV each time): compare what it says.
  const body = answer.body as { data?: string };
  if (typeof body.data === "string" && body.data) body.data = JSON.parse(sobotDecrypt(body.data, SECRETS.crm));
  return answer;
}

async function udesk(side: Side, kind: "message" | "task" | "knowledge", fields: Record<string, unknown>) {
  const timestamp = now();
  const sessionId = crypto.randomInt(1, 2 ** 31);
  const signed =
    kind === "message"
      ? { timestamp, sign: messageSign(UDESK_NAME, SECRETS.udesk, timestamp), integrationName: UDESK_NAME }
      : kind === "task"
        ? { timestamp, sessionId, sign: taskSign(SECRETS.udesk, Number(fields.taskNodeId), sessionId, timestamp) }
        : { timestamp, sessionId, sign: knowledgeSign(SECRETS.udesk, timestamp) };
  return post(side, endpoints[side]![kind], JSON.stringify({ ...fields, ...signed }));
}

async function panel(side: Side, visitor: string): Promise<Answer> {
  const query = new URLSearchParams({ easemobId: "rt-channel", customUserId: desEncrypt(visitor, SECRETS.hyphenate) });
  const response = await fetch(`http://127.0.0.1:${PORTS[side]}${endpoints[side]!.iframe}?${query}`);
  const html = await response.text();
  const text = html
    .replace(/<(style|script)[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    // The panel lists recent calls with their minute: the two sides' calls may straddle one.
    .replace(/\d{4}-\d\d-\d\d \d\d:\d\d UTC/g, "(time)")
    .trim();
  return { status: response.status, body: text };
}

async function webhook(side: Side, id: string): Promise<Answer> {
  const body = JSON.stringify({ id, nick: "推送客户", uname: "推送客户", email: `${id}@example.com`, is_vip: "0" });
  return post(side, endpoints[side]!.webhook, body, { "x-deskbridge-token": SECRETS.webhook });
}

/** Every kind of call, with what each answer must show to count as a real answer. */
const CALLS: { name: string; send: (side: Side) => Promise<Answer>; shows: string }[] = [
  { name: "Sobot CRM by partner id", send: (s) => crm(s, { partnerId: "RT-P1" }), shows: '"L1"' },
  { name: "Sobot CRM by phone", send: (s) => crm(s, { tel: "13912345678" }), shows: "往返客户" },
  { name: "Sobot push", send: (s) => webhook(s, "rt-push-1"), shows: '"code"' },
  {
    name: "Udesk message, question rule",
    send: (s) =>
      udesk(s, "message", { regex: "", questionContent: "我要退货", customerExtra: { customerId: "RT-U1" } }),
    shows: "往返客户，退货请在订单页申请",
  },
  {
    name: "Udesk message, regex rule",
    send: (s) => udesk(s, "message", { regex: "^发票", questionContent: "发票呢" }),
    shows: "发票将在三个工作日内开具",
  },
  {
    name: "Udesk message, default answer",
    send: (s) => udesk(s, "message", { regex: "", questionContent: "你好" }),
    shows: "转人工客服",
  },
  {
    name: "Udesk task, node template",
    send: (s) => udesk(s, "task", { taskNodeId: 100, variables: {}, pageNum: 1, pageSize: 5 }),
    shows: "联系人工",
  },
  {
    name: "Udesk task, default template",
    send: (s) => udesk(s, "task", { taskNodeId: 200, variables: {}, pageNum: 1, pageSize: 5 }),
    shows: "其他",
  },
  {
    name: "Udesk knowledge entry",
    send: (s) => udesk(s, "knowledge", { datumId: "7", datumName: "营业时间", templateAttributeId: "" }),
    shows: "营业时间 9:00-18:00",
  },
  {
    name: "Udesk knowledge fallback",
    send: (s) => udesk(s, "knowledge", { datumId: "8", datumName: "其他", templateAttributeId: "" }),
    shows: "暂无答案",
  },
  { name: "Hyphenate panel", send: (s) => panel(s, "RT-V1"), shows: "往返客户" },
];

test.describe.configure({ mode: "serial" });

test.afterAll(async () => {
  await Promise.all(SIDES.map(stop));
});

test("an exported configuration imported into an empty database answers every kind of call the same", async () => {
  test.setTimeout(300_000);
  for (const dir of Object.values(DIRS)) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
  }

  // The original: integrations and secrets through the CLI, the answers from their own file.
  cli(
    "original",
    "integrations",
    "add",
    "sobot-crm",
    "--name",
    "Round-trip CRM",
    "--company-id",
    COMPANY_ID,
    "--secret",
    SECRETS.crm,
  );
  cli(
    "original",
    "integrations",
    "add",
    "udesk",
    "--name",
    "Round-trip Udesk",
    "--integration-name",
    UDESK_NAME,
    "--key",
    SECRETS.udesk,
  );
  cli(
    "original",
    "integrations",
    "add",
    "hyphenate",
    "--name",
    "Round-trip panel",
    "--key",
    SECRETS.hyphenate,
    "--match",
    "customUserId=hyphenate-visitor",
    "--frame-ancestor",
    "https://kefu.easemob.com",
  );
  cli(
    "original",
    "integrations",
    "add",
    "sobot-webhook",
    "--name",
    "Round-trip pushes",
    "--auth-mode",
    "header",
    "--shared-secret",
    SECRETS.webhook,
  );
  const answersFile = path.join(DIRS.original, "answers.json");
  fs.writeFileSync(answersFile, JSON.stringify(ANSWERS));
  cli("original", "config", "import", answersFile);
  addCustomer("original");

  // Export; no secret value in the file.
  const exported = cli("original", "config", "export") as string;
  for (const secret of Object.values(SECRETS)) expect(exported).not.toContain(secret);
  const file = path.join(DIRS.copy, "deskbridge.json");
  fs.writeFileSync(file, exported);

  // The copy: a dry run changes nothing, the import creates everything, a second import nothing.
  const dry = cli("copy", "config", "import", file, "--dry-run", "--json");
  expect(dry.changes).toContain('create integration "Round-trip Udesk" (udesk)');
  expect(cli("copy", "integrations", "list", "--json")).toEqual([]);
  const imported = cli("copy", "config", "import", file, "--json");
  expect(imported.changes.length).toBeGreaterThan(6);
  expect(imported.secretsToSet.map((s: { name: string }) => s.name).sort()).toEqual([
    "Round-trip CRM",
    "Round-trip Udesk",
  ]);
  expect(cli("copy", "config", "import", file, "--json").changes).toEqual([]);
  expect(cli("copy", "config", "export")).toBe(exported);
  // Secrets on the copy through the CLI, by integration name.
  cli("copy", "integrations", "rotate", "Round-trip CRM", "--secret", SECRETS.crm, "--grace", "0");
  cli("copy", "integrations", "rotate", "Round-trip Udesk", "--key", SECRETS.udesk, "--grace", "0");
  cli("copy", "integrations", "rotate", "Round-trip panel", "--key", SECRETS.hyphenate, "--grace", "0");
  cli("copy", "integrations", "rotate", "Round-trip pushes", "--shared-secret", SECRETS.webhook, "--grace", "0");
  addCustomer("copy");

  for (const side of SIDES) endpoints[side] = endpointsOf(side);
  // New URL segments on the copy: they are secrets of each installation, never in the file.
  expect(endpoints.copy!.crm).not.toBe(endpoints.original!.crm);
  await Promise.all(SIDES.map(start));

  for (const call of CALLS) {
    const original = await call.send("original");
    const copy = await call.send("copy");
    expect(original.status, `${call.name} on the original`).toBe(200);
    expect(JSON.stringify(original.body), `${call.name} on the original`).toContain(call.shows);
    expect(copy, `${call.name}: the copy answers as the original`).toEqual(original);
  }
});
