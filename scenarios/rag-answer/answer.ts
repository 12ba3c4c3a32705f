// What a rag-answer task carries and what the answering worker returns.
import { z } from "zod";

/** A question, optionally with the passages the answer must be grounded in. */
export const QuestionInputSchema = z
  .object({
    question: z.string().min(1, "question must be a non-empty string"),
    /** Passages given with the task; without them, the bundled corpus is searched. */
    evidence: z.array(z.string().min(1, "each evidence passage must be a non-empty string")).optional(),
  })
  .strict();
export type QuestionInput = z.infer<typeof QuestionInputSchema>;

/** The answer: plain text, or `{ answer }` (other fields, such as citations, are kept). */
export const AnswerSchema = z.union([z.string(), z.looseObject({ answer: z.string() })]);
export type Answer = z.infer<typeof AnswerSchema>;

/** The text of an answer in either shape. */
export function answerText(answer: Answer): string {
  return typeof answer === "string" ? answer : answer.answer;
}
