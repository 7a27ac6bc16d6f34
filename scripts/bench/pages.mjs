// Dashboard pages on the large data set: sign in as the bench's admin, then time each page.
import Database from "better-sqlite3";
import { ADMIN, OPTS } from "./options.mjs";
import { request } from "./load.mjs";

export async function signIn(base) {
  const jar = new Map();
  const keep = (headers) => {
    for (const c of headers["set-cookie"] ?? []) {
      const [pair] = c.split(";");
      const eq = pair.indexOf("=");
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await request(`${base}/api/auth/csrf`);
  keep(csrf.headers);
  const { csrfToken } = JSON.parse(csrf.text);
  const res = await request(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({
      csrfToken,
      email: ADMIN.email,
      password: ADMIN.password,
      callbackUrl: `${base}/customers`,
      json: "true",
    }).toString(),
  });
  keep(res.headers);
  if (![...jar.keys()].some((k) => k.includes("session-token")))
    throw new Error(`sign-in failed (HTTP ${res.status}): no session cookie`);
  return cookie();
}

export const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

export async function timePage(base, cookie, page) {
  const times = [];
  let bytes = 0;
  for (let i = -3; i < OPTS.pageRequests; i++) {
    const started = performance.now();
    const { status, text } = await request(base + page.url, { headers: { cookie } });
    const ms = performance.now() - started;
    if (status !== 200 || !page.expect.test(text))
      throw new Error(`${page.url}: HTTP ${status}, or the page lacks ${page.expect}: ${text.slice(0, 200)}`);
    if (i >= 0) times.push(ms);
    bytes = text.length;
  }
  times.sort((a, b) => a - b);
  return {
    ...page,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    max: times[times.length - 1],
    n: times.length,
    bytes,
  };
}

/** Picks real search terms and a deep cursor from the seeded data. */
export function pagesToTime(dbFile, { firstCustomer, lastCustomer }) {
  const db = new Database(dbFile, { readonly: true });
  const one = (sql, ...args) => db.prepare(sql).get(...args);
  // A customer from the middle of the large set: its email, phone and external id are searched for.
  const target = Math.floor((firstCustomer + lastCustomer) / 2);
  const email = one('SELECT email FROM "CustomerEmail" WHERE customerId = ?', target).email;
  const phone = one('SELECT phone FROM "CustomerPhone" WHERE customerId = ?', target).phone;
  const external = one(
    "SELECT value FROM \"ExternalId\" WHERE customerId = ? AND kind = 'sobot-partner'",
    target,
  ).value;
  // A Chinese name of three characters (a surname and a two-character given name), as an agent types it.
  const name3 =
    one(
      'SELECT realname FROM "Customer" WHERE id BETWEEN ? AND ? AND length(realname) = 3 ' +
        "AND unicode(realname) > 11904 LIMIT 1",
      firstCustomer,
      lastCustomer,
    )?.realname ?? "欧阳娜";
  const calls = one('SELECT MIN(id) AS a, MAX(id) AS b, COUNT(*) AS n FROM "Call"');
  const deep = Math.floor(calls.a + (calls.b - calls.a) * 0.1);
  db.close();
  const rows = /<tbody>[\s\S]*?<tr/;
  return [
    { group: "search", label: "Customers, first page (no search)", url: "/customers", expect: rows },
    {
      group: "search",
      label: "Customers, Chinese name fragment (2 characters)",
      url: `/customers?q=${encodeURIComponent("王芳")}`,
      expect: rows,
    },
    {
      group: "search",
      label: "Customers, Chinese name (3 characters)",
      url: `/customers?q=${encodeURIComponent(name3)}`,
      expect: rows,
    },
    { group: "search", label: "Customers, name fragment (Latin)", url: `/customers?q=olivia`, expect: rows },
    {
      group: "search",
      label: "Customers, exact email",
      url: `/customers?q=${encodeURIComponent(email)}`,
      expect: rows,
    },
    {
      group: "search",
      label: "Customers, phone (as typed: 138 0000-0000)",
      url: `/customers?q=${encodeURIComponent(`${phone.slice(0, 3)} ${phone.slice(3, 7)}-${phone.slice(7)}`)}`,
      expect: rows,
    },
    {
      group: "search",
      label: "Customers, external id",
      url: `/customers?q=${encodeURIComponent(external)}`,
      expect: rows,
    },
    { group: "calls", label: "Calls, first page", url: "/calls", expect: rows },
    { group: "calls", label: "Calls, vendor = udesk", url: "/calls?vendor=udesk", expect: rows },
    {
      group: "calls",
      label: "Calls, vendor = sobot-crm and outcome = bad_signature",
      url: "/calls?vendor=sobot-crm&outcome=bad_signature",
      expect: rows,
    },
    {
      group: "calls",
      label: "Calls, outcome = internal_error (rare)",
      url: "/calls?outcome=internal_error",
      expect: rows,
    },
    { group: "calls", label: "Calls, deep page (keyset cursor, 90% down)", url: `/calls?before=${deep}`, expect: rows },
    {
      group: "calls",
      label: "Calls, deep page filtered (vendor = hyphenate)",
      url: `/calls?vendor=hyphenate&before=${deep}`,
      expect: rows,
    },
  ];
}
