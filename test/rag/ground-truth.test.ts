import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/audit/database.js";
import { getRunAccount } from "../../src/audit/queries.js";
import { defineAuditor, defineWorkflow, unanimous } from "../../src/index.js";
import { EmbeddedStore } from "../../src/rag/embedded-store.js";
import { groundTruth } from "../../src/rag/ground-truth.js";
import type { Principal } from "../../src/rag/store.js";
import { tempDb } from "../helpers/temp.js";
import { source } from "./store-contract.js";

const sha = (text: string) => createHash("sha256").update(text).digest("hex");

/** A workflow whose auditor cites every evidence id it got; the store holds public and finance text. */
async function setupWorkflow(principal?: Principal) {
  const db = tempDb();
  const store = new EmbeddedStore({ path: db });
  await store.ingest("policies", [
    source("travel.md", ["Taxi fares are refunded up to 60 EUR."]),
    source("salaries.md", ["Taxi budget for the board: 900 EUR."], ["finance"]),
  ]);
  const seen: string[][] = [];
  const workflow = defineWorkflow<{ question: string }, string>({
    name: "gt-test",
    worker: (task) => ({ content: `answer to ${task.input.question}` }),
    retrieve: groundTruth<{ question: string }, string>({
      collection: "policies",
      k: 3,
      query: (task) => task.input.question,
      store,
      ...(principal === undefined ? {} : { principal }),
    }),
    auditors: [
      defineAuditor<{ question: string }, string>("cites", (input) => {
        seen.push(input.evidence.map((e) => e.text));
        return {
          decision: "pass",
          confidence: 0.9,
          findings: [
            {
              ruleId: "gt.cited",
              severity: "info",
              message: "relied on",
              evidenceIds: input.evidence.map((e) => e.id),
            },
          ],
        };
      }),
    ],
    consensus: unanimous(),
  });
  const run = async (question: string) => {
    try {
      return await workflow.run({ input: { question } }, { db });
    } finally {
      workflow.close();
    }
  };
  return { db, store, run, seen };
}

describe("groundTruth() in a workflow", () => {
  it("gives every auditor the retrieved evidence and logs ids, hashes, collection version, query, k and store", async () => {
    const { db, store, run, seen } = await setupWorkflow();
    const result = await run("taxi fares");
    expect(seen).toEqual([["Taxi fares are refunded up to 60 EUR."]]);
    expect(result.findings[0]?.evidenceIds).toEqual(["travel.md#0"]);
    const database = openDatabase(db);
    const [account] = getRunAccount(database, result.caseId).cases;
    database.close();
    expect(account?.evidence).toEqual([
      expect.objectContaining({
        id: "travel.md#0",
        source: "travel.md",
        contentHash: sha("Taxi fares are refunded up to 60 EUR."),
      }),
    ]);
    expect(account?.evidenceParams).toMatchObject({
      retriever: "ground-truth",
      store: "embedded",
      collection: "policies",
      collectionVersion: 1,
      query: "taxi fares",
      k: 3,
      searchMode: "lexical",
      principal: null,
    });
    await store.close();
  });

  it("retrieves labelled chunks only for a principal holding the labels", async () => {
    const anonymous = await setupWorkflow();
    await anonymous.run("taxi budget");
    expect(anonymous.seen.flat()).not.toContain("Taxi budget for the board: 900 EUR.");
    await anonymous.store.close();
    const outsider = await setupWorkflow({ id: "intern", labels: ["marketing"] });
    await outsider.run("taxi budget");
    expect(outsider.seen.flat()).not.toContain("Taxi budget for the board: 900 EUR.");
    await outsider.store.close();
    const cfo = await setupWorkflow({ id: "cfo", labels: ["finance"] });
    await cfo.run("taxi budget");
    expect(cfo.seen.flat()).toContain("Taxi budget for the board: 900 EUR.");
    await cfo.store.close();
  });

  it("rejects a bad k or collection name when the workflow is defined", () => {
    expect(() => groundTruth({ collection: "ok", k: 0, query: () => "" })).toThrow(/k must be an integer/);
    expect(() => groundTruth({ collection: "no spaces", query: () => "" })).toThrow(/collection name/);
  });
});
