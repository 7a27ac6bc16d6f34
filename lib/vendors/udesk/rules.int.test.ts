// Answer rules are patterns an operator types and a visitor's question is matched against: one
// rule must not be able to stall the server. Patterns that take exponential time on JavaScript's
// engine (^(a|a)+$, ^(a|aa)+$ against a 500-character question) answer at once; what the
// linear-time engine cannot run (lookaround, back-references) is refused at save with a field
// error. The engine does not depend on the database, so SQLite alone is used here.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIntegration, type IntegrationView } from "@/lib/integrations/integrations";
import { appError } from "@/lib/testing/app-error";
import { createDatabase, type TestDatabase } from "@/lib/testing/databases";
import { answerFor, saveRule } from "@/lib/vendors/udesk/rules";

describe("answer rules that would backtrack", () => {
  let t: TestDatabase;
  let udesk: IntegrationView;
  const settings = { defaultAnswer: "没听懂" };
  const ask = (question: string) =>
    answerFor(t.db, udesk.id, settings, { regex: "", question, customer: null, latestOrder: null });

  beforeAll(async () => {
    t = await createDatabase("sqlite");
    udesk = await createIntegration(t.db, crypto.randomBytes(32), {
      vendor: "udesk",
      name: "Rules",
      settings: { integrationName: "规则", ...settings },
      secrets: { key: "rules-key-0b1c2d" },
    });
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("saves ^(a|a)+$, ^(a|aa)+$ and (a+)+b and answers a 500-character question at once", async () => {
    await saveRule(t.db, udesk.id, { position: 1, matchType: "question", pattern: "^(a|a)+$", answer: "one" });
    await saveRule(t.db, udesk.id, { position: 2, matchType: "question", pattern: "^(a|aa)+$", answer: "two" });
    await saveRule(t.db, udesk.id, { position: 3, matchType: "question", pattern: "^(a+)+b$", answer: "three" });
    // No rule matches: every pattern runs to the end of the question.
    const started = performance.now();
    const miss = await ask(`${"a".repeat(499)}!`);
    const ms = performance.now() - started;
    expect(miss.answer).toBe("没听懂");
    expect(ms, "answering a 500-character question").toBeLessThan(250);
    // They still match what they say.
    expect((await ask("a".repeat(500))).answer).toBe("one");
    expect((await ask(`${"a".repeat(400)}b`)).answer).toBe("three");
  });

  it("matches Chinese text and character classes as before", async () => {
    await saveRule(t.db, udesk.id, {
      position: 4,
      matchType: "question",
      pattern: "退(货|款)\\p{Han}*",
      answer: "refund",
    });
    expect((await ask("我要退货了")).answer).toBe("refund");
  });

  it("refuses at save what the linear-time engine cannot run, naming the construct", async () => {
    const cases: [string, RegExp][] = [
      ["退货(?=吗)", /Lookahead and lookbehind/],
      ["(?<!不)退货", /Lookahead and lookbehind/],
      ["(\\w)\\1", /Back-references/],
      ["a{1001}", /at most 1000/],
      ["([", /Not a valid regular expression/],
    ];
    for (const [pattern, message] of cases) {
      const error = await appError(saveRule(t.db, udesk.id, { matchType: "question", pattern, answer: "x" }));
      expect(error.code, pattern).toBe("validation");
      expect(error.fieldErrors.pattern, pattern).toEqual([expect.stringMatching(message)]);
    }
  });
});
