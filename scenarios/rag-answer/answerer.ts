// The bundled worker: an extractive answerer that returns the passage sentence sharing the most
// words with the question (from the task's evidence, else the corpus). Tasks that carry an
// `output` skip it: that answer, produced by any system, is audited as given.
import { defineWorker } from "../../src/index.js";
import type { Answer, QuestionInput } from "./answer.js";
import { corpusDocuments } from "./corpus.js";

const STOP = new Set(
  "a an the of in on at to for from by with and or is was were are what which who when where how did does do".split(
    " ",
  ),
);

function words(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((word) => !STOP.has(word)));
}

export function extractiveAnswer(input: QuestionInput): string {
  const passages = input.evidence ?? corpusDocuments().flatMap((doc) => doc.lines);
  const sentences = passages.flatMap((passage) => passage.split(/(?<=[.!?])\s+(?=[A-Z])/));
  const asked = words(input.question);
  let best = "";
  let bestScore = -1;
  for (const sentence of sentences) {
    const score = [...words(sentence)].filter((word) => asked.has(word)).length;
    if (score > bestScore) {
      best = sentence;
      bestScore = score;
    }
  }
  return best;
}

export const answerer = defineWorker<QuestionInput, Answer>("extractive-answerer", (task) => ({
  content: extractiveAnswer(task.input),
  status: "answered with the passage sentence closest to the question",
}));
