// An audit event's changes, field by field: a changed object (custom fields, settings, a card's
// config) is opened into one row per key that changed ("customFields.city"), and a changed list
// (emails, phones, labels) says what was added and what was removed, so that one edited entry
// does not hide among the unchanged ones.
export type FieldChange = { field: string; before: unknown; after: unknown; added?: unknown[]; removed?: unknown[] };

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A JSON object or list stored as text (custom fields are) is compared as what it holds. */
function opened(v: unknown): unknown {
  if (typeof v !== "string" || !/^\s*[[{]/.test(v)) return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function expand(field: string, before: unknown, after: unknown, depth: number, out: FieldChange[]) {
  const a = opened(before);
  const b = opened(after);
  if (same(a, b)) return;
  if (
    depth < 3 &&
    (isPlainObject(a) || a === null) &&
    (isPlainObject(b) || b === null) &&
    !(a === null && b === null)
  ) {
    if (a === null || b === null) {
      // Created or deleted: every field it has (had), one row each.
      const whole = (a ?? b) as Record<string, unknown>;
      for (const key of Object.keys(whole))
        expand(`${field}.${key}`, a === null ? null : whole[key], b === null ? null : whole[key], depth + 1, out);
      return;
    }
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])])
      expand(`${field}.${key}`, a[key] ?? null, b[key] ?? null, depth + 1, out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const added = b.filter((x) => !a.some((y) => same(x, y)));
    const removed = a.filter((x) => !b.some((y) => same(x, y)));
    out.push({ field, before: a, after: b, added, removed });
    return;
  }
  out.push({ field, before: a ?? null, after: b ?? null });
}

export function fieldChanges(changes: Record<string, [unknown, unknown]>): FieldChange[] {
  const out: FieldChange[] = [];
  for (const [field, pair] of Object.entries(changes)) {
    const [before, after] = Array.isArray(pair) ? pair : [null, pair];
    expand(field, before, after, 0, out);
  }
  return out;
}
