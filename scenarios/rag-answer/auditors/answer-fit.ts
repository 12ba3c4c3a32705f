// A second, independent check: does the answer answer the question that was asked? A "how many"
// question needs a number, a "when" question a date, and an "A or B ... first?" question the
// option the evidence dates earlier. It fails or abstains; a type that fits proves nothing.
import { defineAuditor, type Evidence, type VerdictInput } from "../../../src/index.js";
import { type Answer, answerText, type QuestionInput } from "../answer.js";

const NUMBER_WORDS =
  /\b(?:\d[\d,.]*|zero|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|dozen|single|once|twice|one|none|no)\b/i;
const DATE_WORDS =
  /\b(?:1\d{3}|20\d{2}|\d{2,4}s|January|February|March|April|May|June|July|August|September|October|November|December|century|decade|spring|summer|autumn|fall|winter)\b/i;
const YEAR = /\b(1\d{3}|20\d{2})\b/;
const EARLIER = /\b(?:first|earlier|earliest|older|oldest|before)\b/i;
const LATER = /\b(?:later|latest|last|after|newer|newest|younger|youngest|more recent(?:ly)?)\b/i;

function abstain(rationale: string): VerdictInput {
  return { decision: "abstain", confidence: 0, rationale };
}

function fail(ruleId: string, message: string, evidenceIds: string[] = []): VerdictInput {
  return {
    decision: "fail",
    confidence: 0.8,
    rationale: message,
    findings: [{ ruleId, severity: "high", message, location: { field: "answer" }, evidenceIds }],
  };
}

const fold = (text: string) =>
  ` ${text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()} `;

/** The two options of "..., A or B?" (the part after the last comma before " or "). */
export function comparisonOptions(question: string): [string, string] | undefined {
  const match = /(?:^|[,:])\s*([^,:]+?)\s+or\s+([^?]+?)\s*\?*\s*$/.exec(question);
  if (match === null) return undefined;
  const [, a = "", b = ""] = match;
  return a.split(/\s+/).length <= 8 && b.length > 0 ? [a.trim(), b.trim()] : undefined;
}

/** The first year in the first evidence sentence that names an option, or in the sentence after it. */
function yearOf(option: string, evidence: readonly Evidence[]): { year: number; id: string } | undefined {
  const key = fold(option);
  for (const item of evidence) {
    const sentences = item.text.split(/(?<=[.!?])\s*(?=[A-Z"])/);
    for (const [i, sentence] of sentences.entries()) {
      if (!fold(sentence).includes(key)) continue;
      const year = YEAR.exec(sentence)?.[1] ?? YEAR.exec(sentences[i + 1] ?? "")?.[1];
      if (year !== undefined) return { year: Number(year), id: item.id };
    }
  }
  return undefined;
}

/**
 * The option the answer picks: the one it names first, or the other when it words the
 * comparison the other way round ("B was born after A" picks A for "who was born first").
 */
function chosenOption(
  answer: string,
  options: readonly [string, string],
  direction: "earlier" | "later",
): string | undefined {
  const text = fold(answer);
  const positions = options.map((option) => text.indexOf(fold(option)));
  const named = options.filter((_, i) => (positions[i] ?? -1) >= 0);
  if (named.length === 0) return undefined;
  if (named.length === 1) return named[0];
  const first = (positions[0] ?? 0) < (positions[1] ?? 0) ? options[0] : options[1];
  const second = first === options[0] ? options[1] : options[0];
  const reversed =
    direction === "earlier"
      ? LATER.test(answer) && !EARLIER.test(answer)
      : EARLIER.test(answer) && !LATER.test(answer);
  return reversed ? second : first;
}

export const answerFit = defineAuditor<QuestionInput, Answer>("answer-fit", ({ task, output, evidence }) => {
  const question = task.input?.question ?? "";
  const answer =
    typeof output?.content === "string" || typeof output?.content === "object"
      ? answerText(output.content)
      : "";
  if (typeof answer !== "string" || answer.trim() === "") return abstain("no answer to check");
  if (/\bhow (?:many|much)\b/i.test(question) && !NUMBER_WORDS.test(answer)) {
    return fail(
      "answer.type-mismatch",
      `the question asks how many or how much, and the answer "${answer}" gives no number`,
    );
  }
  if (/\b(?:when|what year|which year|what date)\b/i.test(question) && !DATE_WORDS.test(answer)) {
    return fail("answer.type-mismatch", `the question asks when, and the answer "${answer}" gives no date`);
  }
  const options = comparisonOptions(question);
  const direction = EARLIER.test(question) ? "earlier" : LATER.test(question) ? "later" : undefined;
  if (options === undefined || direction === undefined)
    return abstain("no question type this auditor checks");
  const chosen = chosenOption(answer, options, direction);
  if (chosen === undefined) return abstain("the answer names neither option");
  const [a, b] = options.map((option) => yearOf(option, evidence ?? []));
  if (a === undefined || b === undefined || a.year === b.year)
    return abstain("the evidence does not date both options");
  const expected = (direction === "earlier") === a.year < b.year ? options[0] : options[1];
  if (chosen === expected)
    return abstain(`the evidence dates "${expected}" ${direction}, as the answer says`);
  return fail(
    "answer.comparison-contradicts",
    `the question asks which came ${direction}; the evidence dates "${options[0]}" ${a.year} and "${options[1]}" ${b.year}, so the answer "${answer}" is the other one`,
    [a.id, b.id],
  );
});
