// The CLI's tables line up in a terminal whatever the script: a Chinese character takes two columns.
import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { table } from "@/lib/cli/args";

describe("table", () => {
  it("starts every column at the same terminal column, Chinese names included", () => {
    const out = table(
      [
        { id: 1, uname: "王芳", email: "wf@example.com" },
        { id: 2, uname: "olivia", email: "o@example.com" },
        { id: 3, uname: "欧阳娜娜", email: "on@example.com" },
      ],
      ["id", "uname", "email"],
    );
    const lines = out.split("\n");
    const emailColumn = (line: string) => stringWidth(line.slice(0, line.search(/\S+$/)));
    expect(lines.map(emailColumn)).toEqual([14, 14, 14, 14]);
    expect(lines[0]).toBe("id  uname     email");
    expect(lines[3]).toBe("3   欧阳娜娜  on@example.com");
  });
});
