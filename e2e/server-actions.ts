// Calling server actions the way a browser does, without a page: every action of the production
// build (its server-reference manifest), and the "use server" modules of the source, so a test can
// enumerate them all and post to each one directly.
import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext, APIResponse } from "@playwright/test";

export type BuiltAction = { id: string; module: string; name: string; page: string };

type ManifestEntry = { workers: Record<string, unknown>; filename?: string; exportedName?: string };

/** "app/(dashboard)/customers/[id]/page" → "/customers/1": a page that has the action loaded. */
function pathOf(worker: string): string {
  const segments = worker
    .replace(/^app\//, "")
    .replace(/\/?page$/, "")
    .split("/")
    .filter((s) => s && !/^\(.*\)$/.test(s))
    .map((s) => (s.startsWith("[") ? "1" : s));
  return `/${segments.join("/")}`;
}

export function builtActions(): BuiltAction[] {
  const file = path.join(".next", "server", "server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as { node: Record<string, ManifestEntry> };
  return Object.entries(manifest.node).map(([id, entry]) => {
    const page = Object.keys(entry.workers).find((w) => w.endsWith("/page")) ?? Object.keys(entry.workers)[0];
    return { id, module: entry.filename ?? "?", name: entry.exportedName ?? "?", page: pathOf(page) };
  });
}

/** Every export of every "use server" module under app/, components/ and lib/, as "module#name". */
export function sourceActions(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
        const source = fs.readFileSync(full, "utf8");
        if (!/^\s*(\/\/.*\n\s*)*["']use server["']/.test(source)) continue;
        for (const m of source.matchAll(/^export\s+(?:const|let|async\s+function|function)\s+(\w+)/gm))
          out.push(`${full}#${m[1]}`);
      }
    }
  };
  for (const dir of ["app", "components", "lib"]) walk(dir);
  return out.sort();
}

/** A form action's arguments (previous state, form) or a called action's own arguments. */
export type ActionArgs = { form: Record<string, string> } | { args: unknown[] };

/** Posts one action call as React encodes it: the arguments in field "0", a form's fields as "_1_<name>". */
export async function callAction(
  request: APIRequestContext,
  baseURL: string,
  action: BuiltAction,
  call: ActionArgs,
): Promise<APIResponse> {
  // The root goes last, as React sends it: the server resolves the form's fields when it reads the
  // root, so fields after it would be lost. (A FormData keeps this order; an object would not.)
  const multipart = new FormData();
  if ("form" in call) {
    for (const [k, v] of Object.entries(call.form)) multipart.append(`_1_${k}`, v);
    multipart.append("0", JSON.stringify([{ ok: false, seq: 0 }, "$K1"]));
  } else multipart.append("0", JSON.stringify(call.args));
  return request.post(`${baseURL}${action.page}`, {
    headers: { "next-action": action.id, accept: "text/x-component", origin: baseURL },
    multipart,
    maxRedirects: 0,
  });
}
