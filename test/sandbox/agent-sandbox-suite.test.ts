import path from "node:path";
import { describe, expect, it } from "vitest";
import { runSuite } from "../../src/scenarios/runner.js";
import type { Suite } from "../../src/scenarios/suite.js";
import { runSandboxTests, sandboxSkipNote } from "../helpers/bwrap.js";
import { tempDir } from "../helpers/temp.js";

describe.skipIf(!runSandboxTests)(`agent-sandbox suite${sandboxSkipNote}`, () => {
  it("holds every case: honest agents accepted, false test claims caught by reproduce(), escapes blocked", async () => {
    // Imported here: without bubblewrap, loading the suite fails (it says how to install it).
    const suite = (await import("../../scenarios/agent-sandbox/suite.js")).default as Suite;
    const db = path.join(tempDir(), "audit.db");
    try {
      const report = await runSuite(suite, { db, concurrency: 4 });
      expect(report.cases.filter((c) => c.status !== "passed").map((c) => [c.name, c.failures])).toEqual([]);
      const caught = report.cases.filter((c) => c.tags.includes("caught"));
      expect(caught.length).toBeGreaterThanOrEqual(3);
    } finally {
      suite.workflow.close();
    }
  }, 120_000);
});
