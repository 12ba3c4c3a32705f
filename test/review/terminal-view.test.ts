import { describe, expect, it } from "vitest";
import { caseView } from "../../src/review/case-view.js";
import { caseLines } from "../../src/review/terminal-view.js";
import { ESCALATING, setupQueue } from "./setup.js";

const DIFF = [
  "--- a/app.js",
  "+++ b/app.js",
  "@@ -1,2 +1,2 @@",
  "-const x = 1;",
  "+const x = 2;",
  " done();",
].join("\n");

describe("the terminal view of a case", () => {
  it("shows the task, the output as a diff, each verdict with its findings, and the consensus", async () => {
    const { database, ids } = await setupQueue([{ id: "c", input: { ...ESCALATING.high, content: DIFF } }]);
    const lines = caseLines(caseView(database, ids["c"] ?? ""), true);
    expect(lines[0]).toContain("c  [high]  scripted v1");
    expect(lines).toContain("\u001b[32m  +const x = 2;\u001b[0m");
    expect(lines).toContain("\u001b[31m  -const x = 1;\u001b[0m");
    expect(lines).toContain("    high test.a: a objects");
    expect(lines.some((l) => /^ {2}escalated by /.test(l))).toBe(true);
  });

  it("escapes terminal control sequences in agent output", async () => {
    const evil = "fine\u001b[2J\u001b]0;pwned\u0007";
    const { database, ids } = await setupQueue([{ id: "c", input: { ...ESCALATING.high, content: evil } }]);
    const lines = caseLines(caseView(database, ids["c"] ?? ""), false);
    expect(lines).toContain("  fine\\u001b[2J\\u001b]0;pwned\\u0007");
    expect(lines.join("\n")).not.toContain("\u001b");
  });
});
