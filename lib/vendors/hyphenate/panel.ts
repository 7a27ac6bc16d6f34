// The agent's CRM panel as one self-contained HTML document: no script, inline CSS only, sized
// for a 360-px frame, light or dark after the agent's system. Everything shown is escaped.
import type { CustomerView } from "@/lib/customers/customers";
import type { OrderView } from "@/lib/customers/orders";
import { html, Html } from "@/lib/html";
import { T, type Lang } from "@/lib/vendors/hyphenate/i18n";
import { formatDateTime } from "@/lib/datetime";

export type RecentCall = { id: number; createdAt: Date; vendor: string; kind: string; outcome: string };

const CSS = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1f2329;--muted:#646a73;--line:#e4e6eb;--soft:#f5f6f7;--accent:#1d5fd1;
--ok:#137333;--warn:#9a6700;--warn-soft:#fff4d6;--danger:#b42318}
@media (prefers-color-scheme:dark){:root{--bg:#1b1d21;--fg:#e8eaed;--muted:#a1a7b0;--line:#2f333a;--soft:#24272d;
--accent:#6aa1ff;--ok:#56d364;--warn:#e3b341;--warn-soft:#2f2610;--danger:#ff7b72}}
*{box-sizing:border-box}html,body{margin:0;background:var(--bg);color:var(--fg)}
body{font:13px/1.5 -apple-system,"PingFang SC","Hiragino Sans GB","Microsoft YaHei",
"Noto Sans CJK SC","Segoe UI",sans-serif;padding:12px;overflow-wrap:anywhere}
h1{font-size:16px;margin:0 0 2px;font-weight:600}
h2{font-size:12px;color:var(--muted);font-weight:600;margin:14px 0 6px;text-transform:uppercase;letter-spacing:.03em}
.sub{color:var(--muted);margin:0 0 8px}
.badge{display:inline-block;border-radius:4px;padding:0 6px;font-size:11px;line-height:18px;background:var(--soft);
color:var(--muted);margin:0 4px 4px 0}
.vip{background:var(--warn-soft);color:var(--warn);font-weight:600}
dl{margin:0;display:grid;grid-template-columns:max-content 1fr;gap:4px 10px}
dt{color:var(--muted)}dd{margin:0;min-width:0}
.card{border:1px solid var(--line);border-radius:6px;padding:8px 10px;margin-bottom:8px}
.row{display:flex;justify-content:space-between;gap:8px}
.muted{color:var(--muted)}.ok{color:var(--ok)}.mono{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}
ol.timeline{list-style:none;margin:6px 0 0;padding:0 0 0 10px;border-left:2px solid var(--line)}
ol.timeline li{margin:2px 0}
ul.plain{list-style:none;margin:0;padding:0}
.notice{border:1px solid var(--line);background:var(--soft);border-radius:6px;padding:12px}
.notice.error{border-color:var(--danger)}.notice h1{margin-bottom:6px}
`;

const HEAD_META = new Html(
  '<meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">' +
    '<meta name="referrer" content="no-referrer">',
);

const when = (d: Date) => formatDateTime(d);

export function page(lang: Lang, title: string, body: Html): string {
  const head = html`<head>${HEAD_META}<title>${title}</title><style>${new Html(CSS)}</style></head>`;
  return html`<!doctype html><html lang="${lang === "zh" ? "zh-CN" : "en"}">${head}<body>${body}</body></html>`.value;
}

function list(values: string[], none: string) {
  return values.length
    ? html`<ul class="plain">${values.map((v) => html`<li>${v}</li>`)}</ul>`
    : html`<span class="muted">${none}</span>`;
}

export function customerPanel(lang: Lang, c: CustomerView, orders: OrderView[], calls: RecentCall[]): string {
  const t = T[lang];
  const fields = Object.entries(c.customFields);
  const body = html`
<main>
  <h1>${c.realname || c.uname}${
    c.isVip ? html` <span class="badge vip">${t.vip}${c.vipLevel ? html` · ${c.vipLevel}` : ""}</span>` : ""
  }</h1>
  <p class="sub">${c.realname && c.uname ? html`${t.nickname}: ${c.uname} · ` : ""}#${c.id}</p>
  ${c.labels.length ? html`<div>${c.labels.map((l) => html`<span class="badge">${l}</span>`)}</div>` : ""}
  <h2>${t.title}</h2>
  <dl>
    <dt>${t.phones}</dt><dd>${list(c.phones, t.none)}</dd>
    <dt>${t.emails}</dt><dd>${list(c.emails, t.none)}</dd>
    <dt>${t.remark}</dt><dd>${c.remark || html`<span class="muted">${t.none}</span>`}</dd>
  </dl>
  ${
    fields.length
      ? html`<h2>${t.customFields}</h2><dl>${fields.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>`
      : ""
  }
  <h2>${t.orders}</h2>
  ${
    orders.length
      ? orders.map(
          (o) => html`<section class="card" aria-label="${o.orderNo}">
    <div class="row"><strong>${o.title}</strong><span class="ok">${t.status[o.status] ?? o.status}</span></div>
    <div class="muted mono">${o.orderNo} · ${when(o.createdAt)}</div>
    <div>¥${o.amount} · ${t.quantity} ${o.quantity}</div>
    ${
      o.shipments.length
        ? html`<ol class="timeline" aria-label="${t.shipments}">${o.shipments.map(
            (s) => html`<li><span class="muted">${when(s.time)}</span> <strong>${s.status}</strong> ${s.text}</li>`,
          )}</ol>`
        : ""
    }
  </section>`,
        )
      : html`<p class="muted">${t.noOrders}</p>`
  }
  <h2>${t.calls}</h2>
  ${
    calls.length
      ? html`<ul class="plain">${calls.map(
          (k) => html`<li><span class="muted">${when(k.createdAt)}</span> ${k.vendor}/${k.kind} · ${k.outcome}</li>`,
        )}</ul>`
      : html`<p class="muted">${t.noCalls}</p>`
  }
</main>`;
  return page(lang, `${t.title} · ${c.realname || c.uname}`, body);
}

export function notFoundPanel(lang: Lang, lookedUpBy: string, identifiers: [string, string][]): string {
  const t = T[lang];
  return page(
    lang,
    t.notFoundTitle,
    html`<main class="notice"><h1>${t.notFoundTitle}</h1><p>${t.notFoundText}</p>
  <p class="muted">${t.lookedUpBy}: <span class="mono">${lookedUpBy}</span></p>
  <h2>${t.identifiers}</h2>
  <dl>${
    identifiers.length
      ? identifiers.map(([k, v]) => html`<dt class="mono">${k}</dt><dd class="mono">${v}</dd>`)
      : html`<dt>—</dt><dd></dd>`
  }</dl></main>`,
  );
}

export function messagePanel(lang: Lang, kind: "decrypt" | "unknown"): string {
  const t = T[lang];
  const [title, text] = kind === "decrypt" ? [t.decryptTitle, t.decryptText] : [t.unknownTitle, t.unknownText];
  return page(lang, title, html`<main class="notice error" role="alert"><h1>${title}</h1><p>${text}</p></main>`);
}
