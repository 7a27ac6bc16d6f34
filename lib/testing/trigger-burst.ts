// An "instance" for the trigger-limit test: a process of its own that sends COUNT triggers at once
// through the same database, at the wall-clock time BURST_AT (ms), so that several processes start
// together. Run with tsx: trigger-burst.ts INTEGRATION_ID TRIGGER COUNT.
import { createDb } from "@/lib/db/client";
import { sendTrigger } from "@/lib/vendors/sobot/api/trigger";

const [integrationId, name, count] = process.argv.slice(2);
const db = await createDb(process.env.DATABASE_URL ?? "");
const masterKey = Buffer.from(process.env.BURST_MASTER_KEY ?? "", "hex");
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(process.env.BURST_AT ?? 0) - Date.now())));
const results = await Promise.all(
  Array.from({ length: Number(count) }, (_, i) =>
    sendTrigger(db, masterKey, integrationId, name, { Contact_id: `burst-${process.pid}-${i}`, nick: "burst" }),
  ),
);
process.stdout.write(`${JSON.stringify({ ok: results.filter((r) => r.ok).length })}\n`);
await db.$disconnect();
process.exit(0);
