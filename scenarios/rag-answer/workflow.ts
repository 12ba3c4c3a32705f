// Answers checked against evidence: the grounding auditor (every claim must be supported by a
// passage) and answer-fit (the answer answers the question asked). Deterministic and offline by
// default; `ragAnswerWorkflow({ model })` adds the model-backed mode of grounding().
import {
  anyCriticalBlocks,
  defineWorkflow,
  firstOf,
  type GroundingOptions,
  grounding,
  minConfidence,
  unanimous,
  type Workflow,
} from "../../src/index.js";
import { type Answer, AnswerSchema, type QuestionInput, QuestionInputSchema } from "./answer.js";
import { answerer } from "./answerer.js";
import { answerFit } from "./auditors/answer-fit.js";
import { questionRetriever } from "./corpus.js";

/** The rag-answer workflow; `grounding` options pass through (e.g. `{ model: "anthropic:claude-opus-4-5" }`). */
export function ragAnswerWorkflow(options: GroundingOptions = {}): Workflow<QuestionInput, Answer> {
  return defineWorkflow<QuestionInput, Answer>({
    name: "rag-answer",
    version: "1",
    input: QuestionInputSchema,
    output: AnswerSchema,
    worker: answerer,
    retrieve: questionRetriever,
    auditors: [grounding(options), answerFit],
    // A critical finding rejects; an unsure vote (the model and the rules disagree) escalates;
    // otherwise the auditors must agree.
    consensus: firstOf(anyCriticalBlocks(), minConfidence(0.6), unanimous()),
    crossExamination: { maxRounds: 1 },
    escalation: { onEscalate: "wait", queue: "rag-answer" },
  });
}

export default ragAnswerWorkflow();
