import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import suite from "../../scenarios/code-review/suite.js";
import { TWINS } from "../../scenarios/code-review/twins.js";
import { runSuite } from "../../src/scenarios/runner.js";
import { tempDir } from "../helpers/temp.js";

describe("code-review suite", () => {
  it("holds every case: vulnerable twins rejected, safe twins accepted, dependency, secret and reviewer cases", async () => {
    const db = path.join(tempDir(), "audit.db");
    try {
      const report = await runSuite(suite, { db, concurrency: 4 });
      expect(report.cases.filter((c) => c.status !== "passed").map((c) => [c.name, c.failures])).toEqual([]);
      expect(report.cases.length).toBeGreaterThanOrEqual(40);
    } finally {
      suite.workflow.close();
    }
  });

  it("has a vulnerable and a safe twin in JavaScript or TypeScript and in Python for the families that exist there", () => {
    const families = new Set(TWINS.map((t) => t.family));
    const pythonOnlyExempt = new Set(["weak cipher", "prototype pollution", "postMessage origin"]);
    for (const family of families) {
      const files = TWINS.filter((t) => t.family === family).map((t) => t.file);
      expect(
        files.some((f) => /\.(js|ts|tsx)$/.test(f)),
        family,
      ).toBe(true);
      if (!pythonOnlyExempt.has(family) && family !== "insecure deserialization")
        expect(
          files.some((f) => f.endsWith(".py")),
          family,
        ).toBe(true);
    }
  });

  it("keeps the committed secret out of the audit log", async () => {
    const db = path.join(tempDir(), "audit.db");
    const key = ["AKIA", "Z7Q3", "LMNO", "PQRS", "T2UV"].join("");
    try {
      await runSuite(suite, { db, concurrency: 1, filter: "secret" });
    } finally {
      suite.workflow.close();
    }
    expect(fs.readFileSync(db).includes(key)).toBe(false);
  });
});
