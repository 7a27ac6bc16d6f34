// CLI commands for sign-in itself: the way back in for a user who lost their phone, or for every
// admin when two-factor sign-in was required and nobody can sign in to change it.
import { parse, print, UsageError } from "@/lib/cli/args";
import type { Command } from "@/lib/cli/main";
import { turnOffTwoFactor } from "@/lib/auth/two-factor";
import { setTwoFactorPolicy, TWO_FACTOR_POLICIES } from "@/lib/auth/two-factor-policy";
import { endAllSessions } from "@/lib/auth/sessions";
import { audit } from "@/lib/audit/audit";

export const accessCommands: Record<string, Command> = {
  async "users reset-two-factor"(db, argv) {
    const { values } = parse(argv, { email: { type: "string" } });
    const email = String(values.email ?? "")
      .trim()
      .toLowerCase();
    const user = email ? await db.user.findUnique({ where: { email }, select: { id: true } }) : null;
    if (!user) throw new UsageError(`--email: no user ${email || "(missing)"}`);
    await turnOffTwoFactor(db, user.id, { admin: true });
    print(values.json as boolean, { email, twoFactor: false }, () => `Two-factor sign-in of ${email} is off.`);
  },

  async "users sign-out"(db, argv) {
    const { values } = parse(argv, { email: { type: "string" } });
    const email = String(values.email ?? "")
      .trim()
      .toLowerCase();
    const user = email ? await db.user.findUnique({ where: { email }, select: { id: true } }) : null;
    if (!user) throw new UsageError(`--email: no user ${email || "(missing)"}`);
    await endAllSessions(db, user.id);
    await audit(db, {
      action: "signout-all",
      entity: "session",
      entityId: user.id,
      summary: `signed ${email} out everywhere`,
    });
    print(values.json as boolean, { email, signedOut: true }, () => `Every session of ${email} has ended.`);
  },

  async "settings two-factor"(db, argv) {
    const { values, positionals } = parse(argv, {});
    if (positionals.length !== 1)
      throw new UsageError(`settings two-factor takes one of ${TWO_FACTOR_POLICIES.join(", ")}`);
    const policy = await setTwoFactorPolicy(db, positionals[0]);
    print(values.json as boolean, { twoFactorRequired: policy }, () => `Two-factor sign-in required for: ${policy}.`);
  },
};
