// First-start work, run once per process before the database is used: apply migrations,
// create the first admin, create the session-signing secret, and load demo data.
import crypto from "node:crypto";
import type { Db } from "@/lib/db/client";
import { providerOfDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import type { Config } from "@/lib/config";
import { createUser } from "@/lib/users/users";
import { generatePassword } from "@/lib/auth/password";
import { seedDemo } from "@/lib/demo/seed";
import { isUniqueViolation } from "@/lib/errors";
import { masterKey, verifyMasterKey } from "@/lib/secrets/keyring";

export type BootLog = (line: string) => void;

/** Claims a one-time step across instances: only the caller whose insert wins runs it. */
async function claim(client: Db, key: string): Promise<boolean> {
  try {
    await client.setting.create({ data: { key, value: new Date().toISOString() } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

export async function ensureReady(client: Db, config: Config, log: BootLog = (l) => console.log(l)): Promise<void> {
  const applied = await migrate(client, providerOfDb(client));
  if (applied.length) log(`deskbridge: applied migrations ${applied.join(", ")}`);
  await verifyMasterKey(client, masterKey(config));

  if (!(await client.setting.findUnique({ where: { key: "auth.secret" } }))) {
    await client.setting
      .create({ data: { key: "auth.secret", value: crypto.randomBytes(32).toString("base64url") } })
      .catch((e) => (isUniqueViolation(e) ? null : Promise.reject(e)));
  }

  if ((await client.user.count()) === 0 && (await claim(client, "bootstrap.admin"))) {
    const email = config.adminEmail ?? "admin@deskbridge.local";
    const password = config.adminPassword ?? generatePassword();
    await createUser(client, { email, password, role: "admin", name: "Administrator" });
    if (config.adminPassword) {
      log(`deskbridge: created the first admin ${email} (password from ADMIN_PASSWORD)`);
    } else {
      // Printed once: this is the only place the generated password ever appears.
      log(
        [
          "",
          "┌──────────────────────────────────────────────────────────────",
          "│ Deskbridge created the first admin account:",
          `│   email:    ${email}`,
          `│   password: ${password}`,
          "│ It is shown only this once. Change it under Users after signing in.",
          "└──────────────────────────────────────────────────────────────",
          "",
        ].join("\n"),
      );
    }
  }

  if (config.demo && (await client.customer.count()) === 0 && (await claim(client, "bootstrap.demo"))) {
    const n = await seedDemo(client);
    log(`deskbridge: loaded ${n} demo customers (set DESKBRIDGE_DEMO=0 to start empty)`);
  } else if (!config.demo) {
    await claim(client, "bootstrap.demo"); // an empty start stays empty on later starts too
  }
}

export async function authSecret(client: Db, config: Config): Promise<string> {
  if (config.authSecret) return config.authSecret;
  const row = await client.setting.findUnique({ where: { key: "auth.secret" } });
  if (!row) throw new Error("the session secret is missing: the database was not initialised");
  return row.value;
}
