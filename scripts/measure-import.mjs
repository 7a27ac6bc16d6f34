#!/usr/bin/env node
// Measures `deskbridge customers import` on a generated CSV (default 100,000 rows) against a
// throwaway SQLite database: the first import, a re-import of the same file (must change
// nothing), and an import of the file with 1% of the rows edited. Prints wall time and peak
// memory (the CLI's own maxRSS, and /usr/bin/time's when it is installed). Not part of the
// tests; rerun any time:
//
//   node scripts/measure-import.mjs [ROWS] [--keep]
//
// DATABASE_URL is ignored: the database is a fresh file under the system's temp directory.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const rows = Number(args.find((a) => /^\d+$/.test(a)) ?? 100_000);
const keep = args.includes("--keep");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deskbridge-measure-"));
const env = {
  ...process.env,
  DATABASE_URL: `file:${path.join(dir, "measure.db")}`,
  DESKBRIDGE_DATA_DIR: dir,
  DESKBRIDGE_DEMO: "0",
  DESKBRIDGE_ACTOR: "measure-import",
};

const COLUMNS = [
  "id",
  "uname",
  "realname",
  "emails",
  "phones",
  "remark",
  "isVip",
  "vipLevel",
  "labels",
  "customFields",
  "sobot-partner",
  "sobot-customer",
  "hyphenate-visitor",
  "udesk-customer",
];
const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗".split("");
const GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛"];
const CITIES = ["上海", "北京", "深圳", "杭州", "广州", "成都"];
const LABELS = ["wholesale", "retail", "老客户", "新客户", "priority", "vip-candidate"];
const quote = (v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

function row(i, edited) {
  const n = String(i).padStart(6, "0");
  const remark =
    i % 10 === 0 ? `第${i}位客户, said "hello"\nsecond line` : i % 3 === 0 ? `regular since ${2015 + (i % 10)}` : "";
  return [
    "",
    `user${n}`,
    SURNAMES[i % SURNAMES.length] + GIVEN[i % GIVEN.length] + (i % 2 ? GIVEN[(i * 7) % GIVEN.length] : ""),
    i % 5 === 0 ? `user${n}@example.com; user${n}@work.example.com` : `user${n}@example.com`,
    `'+86138${String(i).padStart(8, "0")}`,
    edited ? `${remark} (edited)`.trim() : remark,
    i % 7 === 0 ? "true" : "false",
    i % 7 === 0 ? ["gold", "silver", "金卡"][i % 3] : "",
    [LABELS[i % LABELS.length], ...(i % 4 === 0 ? [LABELS[(i + 1) % LABELS.length]] : [])].sort().join("; "),
    JSON.stringify({ city: CITIES[i % CITIES.length], tier: String(i % 5) }),
    `P${n}`,
    i % 3 === 0 ? `SC${n}` : "",
    "",
    i % 4 === 0 ? `U${n}` : "",
  ]
    .map(quote)
    .join(",");
}

function writeCsv(file, editEvery) {
  const fd = fs.openSync(file, "w");
  fs.writeSync(fd, `\uFEFF${COLUMNS.join(",")}\r\n`);
  let buffer = "";
  for (let i = 1; i <= rows; i++) {
    buffer += `${row(i, editEvery > 0 && i % editEvery === 0)}\r\n`;
    if (buffer.length > 1 << 20) {
      fs.writeSync(fd, buffer);
      buffer = "";
    }
  }
  fs.writeSync(fd, buffer);
  fs.closeSync(fd);
  return fs.statSync(file).size;
}

const hasTime = fs.existsSync("/usr/bin/time");
function cli(label, ...cliArgs) {
  const command = [path.join(root, "bin", "deskbridge.mjs"), ...cliArgs];
  const started = process.hrtime.bigint();
  const run = hasTime
    ? spawnSync("/usr/bin/time", ["-v", process.execPath, ...command], {
        cwd: root,
        env,
        encoding: "utf8",
        maxBuffer: 1 << 28,
      })
    : spawnSync(process.execPath, command, { cwd: root, env, encoding: "utf8", maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0 && run.status !== 1) {
    console.error(run.stdout, run.stderr);
    throw new Error(`${label}: exit ${run.status}`);
  }
  const timeRss = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr ?? "");
  return {
    seconds,
    stdout: run.stdout,
    stderr: run.stderr,
    timeRssMb: timeRss ? Math.round(Number(timeRss[1]) / 1024) : null,
  };
}

function measure(label, file) {
  const run = cli(label, "customers", "import", file, "--json");
  let s;
  try {
    s = JSON.parse(run.stdout);
  } catch {
    throw new Error(`${label}: no JSON summary on stdout\n${run.stdout}\n${run.stderr}`);
  }
  const line = {
    step: label,
    rows: s.rows,
    created: s.created,
    updated: s.updated,
    unchanged: s.unchanged,
    refused: s.failed,
    "import s": s.seconds,
    "process s": Math.round(run.seconds * 10) / 10,
    "peak RSS MB (CLI)": s.peakRssMb,
    "peak RSS MB (time -v)": run.timeRssMb,
  };
  console.log(`${label}: ${JSON.stringify(line)}`);
  return line;
}

try {
  console.log(
    `Node ${process.version}, ${os.cpus().length} CPU(s) (${os.cpus()[0]?.model ?? "?"}), ` +
      `${Math.round(os.totalmem() / 2 ** 30)} GiB; database ${env.DATABASE_URL}`,
  );
  const file = path.join(dir, "customers.csv");
  const edited = path.join(dir, "customers-edited.csv");
  const bytes = writeCsv(file, 0);
  writeCsv(edited, 100);
  console.log(`generated ${rows} rows, ${(bytes / 2 ** 20).toFixed(1)} MiB`);
  cli("migrate", "db", "migrate", "--json");

  const results = [
    measure("first import", file),
    measure("re-import (same file)", file),
    measure("import with 1% edited", edited),
  ];
  console.table(results);

  const [first, again, edit] = results;
  const problems = [];
  if (first.created !== rows || first.refused) problems.push(`first import: expected ${rows} created`);
  if (again.created || again.updated || again.unchanged !== rows) problems.push("re-import changed something");
  if (edit.updated !== Math.floor(rows / 100))
    problems.push(`edited import: expected ${Math.floor(rows / 100)} updated`);
  const exported = cli("export", "customers", "export", "--format", "csv");
  console.log(
    `export of ${rows} customers: ${exported.seconds.toFixed(1)} s, peak RSS ${exported.timeRssMb ?? "?"} MB`,
  );
  if (problems.length) {
    console.error(problems.join("\n"));
    process.exitCode = 1;
  }
} finally {
  if (keep) console.log(`kept ${dir}`);
  else fs.rmSync(dir, { recursive: true, force: true });
}
