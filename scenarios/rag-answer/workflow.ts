// Answers checked against evidence: the grounding auditor (every claim must be supported by a
// passage) and answer-fit (the answer answers the question asked). Deterministic and offline.
import {
  anyCriticalBlocks,
  defineWorkflow,
  firstOf,
  grounding,
  minConfidence,
  unanimous,
} from "../../src/index.js";
import { type Answer, AnswerSchema, type QuestionInput, QuestionInputSchema } from "./answer.js";
import { answerer } from "./answerer.js";
import { answerFit } from "./auditors/answer-fit.js";
import { questionRetriever } from "./corpus.js";

export default defineWorkflow<QuestionInput, Answer>({
  name: "rag-answer",
  version: "1",
  input: QuestionInputSchema,
  output: AnswerSchema,
  worker: answerer,
  retrieve: questionRetriever,
  auditors: [grounding(), answerFit],
  // A critical finding rejects; an unsure vote escalates; otherwise the auditors must agree.
  consensus: firstOf(anyCriticalBlocks(), minConfidence(0.6), unanimous()),
  crossExamination: { maxRounds: 1 },
  escalation: { onEscalate: "wait", queue: "rag-answer" },
});
