import { describe, expect, it } from "vitest";
import { defineAuditor, defineWorkflow, unanimous } from "../../src/index.js";
import { EmbeddedStore } from "../../src/rag/embedded-store.js";
import { groundTruth } from "../../src/rag/ground-truth.js";
import { cli } from "../helpers/cli.js";
import { tempDb } from "../helpers/temp.js";
import { source } from "./store-contract.js";

/** Runs one case that retrieves from a collection in the audit database itself. */
async function setupCase() {
  const db = tempDb();
  const store = new EmbeddedStore({ path: db });
  await store.ingest("rules", [
    source("limits.md", ["Hotel nights are capped at 150 EUR."]),
    source("meals.md", ["Dinner is capped at 45 EUR."]),
  ]);
  const workflow = defineWorkflow<string, string>({
    name: "recheck-test",
    worker: (task) => ({ content: task.input }),
    retrieve: groundTruth<string, string>({ collection: "rules", k: 2, query: (task) => task.input, store }),
    auditors: [defineAuditor("ok", () => ({ decision: "pass", confidence: 1 }))],
    consensus: unanimous(),
  });
  const result = await workflow.run({ input: "hotel nights capped" }, { db });
  workflow.close();
  return { db, store, caseId: result.caseId };
}

describe("crosscheck audit recheck", () => {
  it("says the evidence is unchanged when nothing was re-ingested", async () => {
    const { db, store, caseId } = await setupCase();
    const result = await cli(["--db", db, "audit", "recheck", caseId]);
    expect(result).toMatchObject({
      code: 0,
      stdout: "unchanged: the same evidence comes back (collection rules still at v1)",
    });
    await store.close();
  });

  it("names the changed evidence and the new collection version after a document changed", async () => {
    const { db, store, caseId } = await setupCase();
    await store.ingest("rules", [source("limits.md", ["Hotel nights are capped at 120 EUR."])]);
    const result = await cli(["--db", db, "audit", "recheck", caseId]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      "CHANGED: the evidence differs from what the verdicts relied on (collection rules v1 -> v2)\n  changed limits.md#0 (new content hash)",
    );
    const json = await cli(["--db", db, "--json", "audit", "recheck", caseId]);
    expect(JSON.parse(json.stdout)).toMatchObject({
      caseId,
      loggedVersion: 1,
      currentVersion: 2,
      changed: ["limits.md#0"],
    });
    await store.close();
  });

  it("refuses a run id, pointing at its cases", async () => {
    const { db, store } = await setupCase();
    const runs = await cli(["--db", db, "--json", "audit", "show", "x"]);
    const runId = /most recent runs are: (\S+)/.exec(runs.stderr)?.[1] ?? "";
    const result = await cli(["--db", db, "audit", "recheck", runId]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("is a run, not a case");
    await store.close();
  });
});
