import { llmAuditor } from "../../../src/agents/llm/auditor.js";
import { auditorContract } from "../auditor-contract.js";
import { ScriptedChatModel, textAnswer, toolCallAnswer } from "../model/fakes.js";

const verdict = { decision: "pass", confidence: 0.8, findings: [], rationale: "fine" };

auditorContract("llmAuditor (a model that answers with a verdict)", () =>
  llmAuditor({ model: new ScriptedChatModel(() => toolCallAnswer("record_verdict", verdict)), rubric: "r" }),
);

auditorContract("llmAuditor (a model that answers in text)", () =>
  llmAuditor({ model: new ScriptedChatModel(() => textAnswer("looks fine")), rubric: "r" }),
);

auditorContract("llmAuditor (a model that throws)", () =>
  llmAuditor({
    model: new ScriptedChatModel(() => {
      throw new Error("connection reset");
    }),
    rubric: "r",
  }),
);
