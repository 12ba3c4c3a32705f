// The model-backed rag-answer suite: `crosscheck scenarios scenarios/rag-answer/model/suite.ts`.
// The model's answers replay from recordings/, which were scripted against a local fake Anthropic
// server (record.ts): they show how the model and the rules are cross-checked, not how Claude judges.
import { defineSuite } from "../../../src/index.js";
import workflow from "./workflow.js";

export default defineSuite({
  name: "rag-answer-model",
  workflow,
  cases: [
    {
      name: "the model and the rules agree the answer is grounded",
      tags: ["agree"],
      input: { question: "Who designed the Saltgate Viaduct?" },
      output: { content: "The Saltgate Viaduct was designed by the engineer Miriam Okafor." },
      expect: { decision: "accepted", absent: ["grounding.model-disagrees"] },
    },
    {
      name: "the model and the rules agree a depth is wrong",
      tags: ["agree"],
      input: { question: "How deep is Lake Orren?" },
      output: { content: "Lake Orren reaches a maximum depth of 69 metres." },
      expect: {
        decision: "rejected",
        findings: ["grounding.number-mismatch"],
        absent: ["grounding.model-disagrees"],
      },
    },
    {
      name: "the model misses a wrong number, the rules catch it: a human decides",
      tags: ["disagree", "escalation"],
      input: { question: "How many parcels an hour can the Sorter K3 move?" },
      output: { content: "The Sorter K3 can move up to 2,100 parcels an hour." },
      expect: {
        decision: "escalated",
        final: "rejected",
        findings: ["grounding.number-mismatch", "grounding.model-disagrees"],
      },
      human: { decision: "reject", reviewer: "qa-lead", reason: "the corpus says 1,200 parcels an hour" },
    },
    {
      name: "the model catches a role error the rules cannot see: a human decides",
      tags: ["disagree", "escalation"],
      input: { question: "Who founded Vellum Robotics?" },
      output: { content: "Ruth Abara founded Vellum Robotics." },
      expect: { decision: "escalated", final: "rejected", findings: ["grounding.model-disagrees"] },
      human: {
        decision: "reject",
        reviewer: "qa-lead",
        reason: "Ruth Abara is the chief executive, not a founder",
      },
    },
  ],
});
