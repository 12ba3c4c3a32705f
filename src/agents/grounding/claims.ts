// An answer split into the claims the grounding auditor checks one by one.
import { contentTokens, sentences } from "./text.js";

/** Answers of at most this many words are short answers ("Paris", "since 7 October 2000"). */
export const SHORT_ANSWER_WORDS = 8;

/** One checkable statement of an answer. */
export interface Claim {
  readonly text: string;
  /** Offsets in the answer. */
  readonly span: readonly [number, number];
  /**
   * A short answer ("Paris", "1962") is a claim only together with its question: the question
   * helps find the passage, and every word of the answer must be supported.
   */
  readonly short: boolean;
  /**
   * A bare "yes" or "no" to a yes/no question: the claim's text is then the question itself,
   * which the answer affirms or denies.
   */
  readonly polarity?: "yes" | "no";
}

const YES_NO_QUESTION = /^\s*(?:is|are|was|were|do|does|did|can|could|has|have|had|will|would|should)\b/i;
const YES_NO_ANSWER = /^\s*(yes|no)\b[\s.,!]*$/i;

// Clause boundaries inside a sentence: a semicolon, or a comma before a conjunction that starts
// a new statement. Both sides must keep a few content words, so "Tom, and Jerry" stays whole.
const CLAUSE_BREAK = /;\s+|,\s+(?=(?:and|but|while|whereas|although|though)\s)/g;
const MIN_CLAUSE_CONTENT_WORDS = 3;
// A clause has a verb of its own; "..., and Tomasz Lind in Rotterdam" continues a list.
const VERB =
  /\b(?:is|are|was|were|be|been|has|have|had|will|would|can|could|did|does|do|may|might|must|should|\p{L}{3,}ed)\b/iu;

// A statement of its own: an auxiliary or a verb form, lowercase (so "United States" is no verb).
const STATEMENT =
  /\b(?:is|are|was|were|has|have|had|will|would|can|could|did|does|do|\p{Ll}\p{L}{2,}ed|\p{Ll}\p{L}{2,}ies)\b/u;

/** Whether a claim states something (a verb), rather than naming a thing or a value. */
export function isStatement(text: string): boolean {
  return STATEMENT.test(text);
}

/** Splits an answer into claims: sentences, then independent clauses. */
export function splitClaims(answer: string, question = ""): Claim[] {
  const trimmed = answer.trim();
  if (trimmed.length === 0) return [];
  const words = trimmed.split(/\s+/).length;
  const offset = answer.indexOf(trimmed);
  const yesNo = YES_NO_ANSWER.exec(trimmed)?.[1]?.toLowerCase();
  if (yesNo !== undefined && YES_NO_QUESTION.test(question)) {
    const proposition = question.trim().replace(/\?+$/, "");
    return [
      {
        text: proposition,
        span: [offset, offset + trimmed.length],
        short: false,
        polarity: yesNo as "yes" | "no",
      },
    ];
  }
  if (words <= SHORT_ANSWER_WORDS) {
    return [{ text: trimmed, span: [offset, offset + trimmed.length], short: true }];
  }
  const claims: Claim[] = [];
  for (const sentence of sentences(answer)) {
    for (const clause of clauses(sentence.text)) {
      const start = sentence.start + clause.start;
      claims.push({ text: clause.text, span: [start, start + clause.text.length], short: false });
    }
  }
  return claims;
}

function clauses(sentence: string): Array<{ text: string; start: number }> {
  const parts: Array<{ text: string; start: number }> = [];
  let start = 0;
  for (const match of sentence.matchAll(CLAUSE_BREAK)) {
    const left = sentence.slice(start, match.index);
    const right = sentence.slice(match.index + match[0].length);
    if (
      contentTokens(left).length >= MIN_CLAUSE_CONTENT_WORDS &&
      contentTokens(right).length >= MIN_CLAUSE_CONTENT_WORDS &&
      VERB.test(right.split(/[;,]/)[0] ?? "")
    ) {
      parts.push({ text: left.trim(), start });
      start = match.index + match[0].length;
    }
  }
  parts.push({ text: sentence.slice(start).trim(), start });
  return parts.filter((part) => part.text.length > 0);
}
