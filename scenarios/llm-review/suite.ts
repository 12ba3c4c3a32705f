// The llm-review scenario suite: an LLM worker and auditor beside a deterministic auditor,
// replayed offline from recordings/ (see README.md for how they were made).
import { defineSuite } from "../../src/index.js";
import { CASH_TAKEN, HONEST, receiptEvidence, SMUDGED } from "./samples.js";
import workflow from "./workflow.js";

export default defineSuite({
  name: "llm-review",
  workflow,
  cases: [
    {
      name: "honest receipt, both auditors pass",
      input: { text: HONEST },
      evidence: receiptEvidence("honest", HONEST),
      expect: { decision: "accepted" },
    },
    {
      name: "cash taken for the total, the LLM auditor revises in cross-examination",
      input: { text: CASH_TAKEN },
      evidence: receiptEvidence("cash", CASH_TAKEN),
      expect: {
        decision: "rejected",
        findings: [{ ruleId: "receipt.total-not-total-line", field: "total" }],
      },
    },
    {
      name: "the LLM auditor is unsure, a human accepts",
      input: { text: SMUDGED },
      evidence: receiptEvidence("smudged", SMUDGED),
      expect: { decision: "escalated", final: "accepted" },
      human: { decision: "accept", reviewer: "qa", reason: "the total line is readable on the paper copy" },
    },
  ],
});
