// deskbridge calls …: list and prune the call log.
import type { Db } from "@/lib/db/client";
import { OUTCOMES } from "@/lib/calls/outcomes";
import { pruneCalls } from "@/lib/calls/retention";
import { parse, print, table, UsageError } from "@/lib/cli/args";
import { formatDateTime } from "@/lib/datetime";

const wholeNumber = (value: unknown, flag: string, max: number) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new UsageError(`--${flag} must be a whole number from 1 to ${max}`);
  return n;
};

async function list(db: Db, argv: string[]) {
  const { values } = parse(argv, {
    limit: { type: "string" },
    vendor: { type: "string" },
    outcome: { type: "string" },
  });
  const limit = values.limit === undefined ? 20 : wholeNumber(values.limit, "limit", 10_000);
  if (values.outcome && !(OUTCOMES as readonly string[]).includes(values.outcome as string)) {
    throw new UsageError(`--outcome must be one of ${OUTCOMES.join(", ")}`);
  }
  const calls = await db.call.findMany({
    where: { vendor: (values.vendor as string) || undefined, outcome: (values.outcome as string) || undefined },
    orderBy: { id: "desc" },
    take: limit,
    include: { integration: { select: { name: true } } },
  });
  const rows = calls.map((c) => ({
    id: c.id,
    createdAt: c.createdAt,
    direction: c.direction,
    vendor: c.vendor,
    kind: c.kind,
    integration: c.integration?.name ?? null,
    integrationId: c.integrationId,
    method: c.method,
    path: c.path,
    status: c.status,
    outcome: c.outcome,
    detail: c.detail,
    customerId: c.customerId,
    keyUsed: c.keyUsed,
    durationMs: c.durationMs,
  }));
  print(values.json as boolean, rows, () =>
    table(
      rows.map((r) => ({ ...r, createdAt: formatDateTime(r.createdAt, { precision: "second" }) })),
      ["id", "createdAt", "vendor", "kind", "status", "outcome", "customerId", "detail"],
    ),
  );
}

async function prune(db: Db, argv: string[]) {
  const { values } = parse(argv, { days: { type: "string" } });
  const days = values.days === undefined ? undefined : wholeNumber(values.days, "days", 3650);
  const result = await pruneCalls(db, days);
  print(
    values.json as boolean,
    result,
    () => `Deleted the bodies of ${result.pruned} call(s) older than ${result.days} day(s).`,
  );
}

export const callCommands = { "calls list": list, "calls prune": prune };
