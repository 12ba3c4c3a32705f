import { describe, expect, it } from "vitest";
import { receiptAudit } from "../../../src/agents/receipts/auditor.js";
import { type Receipt, type ReceiptInput, ReceiptSchema } from "../../../src/agents/receipts/schema.js";
import { defineWorker } from "../../../src/agents/worker.js";
import type { Task } from "../../../src/domain/task.js";
import { unanimous } from "../../../src/graph/consensus.js";
import { defineWorkflow } from "../../../src/graph/define-workflow.js";
import { tempDb } from "../../helpers/temp.js";
import { GROCERY, GROCERY_FIELDS, NOW } from "./setup.js";

function setupWorkflow() {
  return defineWorkflow<ReceiptInput, Receipt>({
    name: "receipts-duplicates",
    output: ReceiptSchema,
    worker: defineWorker("unused", () => ({ content: GROCERY_FIELDS })),
    auditors: [receiptAudit({ now: NOW, maxAgeYears: 20 })],
    consensus: unanimous(),
  });
}

const submission = (id: string, fields: Receipt = GROCERY_FIELDS): Task<ReceiptInput> => ({
  id,
  kind: "receipt",
  input: { text: GROCERY },
  output: { content: fields },
});

describe("receiptAudit: duplicate submissions across the audit log", () => {
  it("flags the same vendor, date and total already accepted in an earlier run on the same database", async () => {
    const db = tempDb();
    const workflow = setupWorkflow();
    try {
      const [first] = await workflow.runMany([submission("claim-1")], { db });
      expect(first?.outcome).toBe("accepted");
      // Written differently (no legal form, the total with its currency): the same purchase.
      const again = { ...GROCERY_FIELDS, company: "Kedai Runcit Sri Murni", total: "RM 42.40" };
      const [second] = await workflow.runMany([submission("claim-2", again)], { db });
      expect(second?.outcome).toBe("rejected");
      expect(second?.findings).toEqual([
        expect.objectContaining({
          ruleId: "receipt.duplicate-submission",
          severity: "high",
          message: `the same receipt was already accepted in case ${first?.caseId} (task "claim-1"): "KEDAI RUNCIT SRI MURNI SDN BHD", "14/03/2018", total "42.40"`,
          location: { field: "total" },
        }),
      ]);
    } finally {
      workflow.close();
    }
  });

  it("does not count a rejected case, another purchase, or a scenario-suite run", async () => {
    const db = tempDb();
    const workflow = setupWorkflow();
    try {
      const [rejected] = await workflow.runMany([submission("bad", { ...GROCERY_FIELDS, total: "24.40" })], {
        db,
      });
      expect(rejected?.outcome).toBe("rejected");
      await workflow.runMany([submission("fixture")], { db, scenario: { suite: "receipts" } });
      const [fresh] = await workflow.runMany([submission("claim")], { db });
      expect(fresh?.outcome).toBe("accepted");
      const other = GROCERY.replace("14/03/2018", "15/03/2018");
      const [next] = await workflow.runMany(
        [{ ...submission("next", { ...GROCERY_FIELDS, date: "15/03/2018" }), input: { text: other } }],
        { db },
      );
      expect(next?.outcome).toBe("accepted");
    } finally {
      workflow.close();
    }
  });

  it("reads no history in a scenario-suite run, so a suite's result does not depend on the database", async () => {
    const db = tempDb();
    const workflow = setupWorkflow();
    try {
      const [production] = await workflow.runMany([submission("claim")], { db });
      expect(production?.outcome).toBe("accepted");
      const [fixture] = await workflow.runMany([submission("fixture")], {
        db,
        scenario: { suite: "receipts" },
      });
      expect(fixture?.outcome).toBe("accepted");
      expect(fixture?.findings).toEqual([]);
      // Production runs still see the production case.
      const [again] = await workflow.runMany([submission("claim-again")], { db });
      expect(again?.findings.map((f) => f.ruleId)).toEqual(["receipt.duplicate-submission"]);
    } finally {
      workflow.close();
    }
  });
});
