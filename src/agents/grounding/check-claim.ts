// One claim against the evidence: quoted strings, quantities, names, the remaining words and
// negation must all find support.
import type { Severity } from "../../domain/finding.js";
import { type Claim, isStatement } from "./claims.js";
import { missingNames, namesTogether, passageNames } from "./names.js";
import { closestPassage, type EvidenceIndex, flatten, type Passage } from "./passages.js";
import { compareQuantities, type Quantity, quantities } from "./quantities.js";
import { contentTokens, hasWord, isNegation, type Token, tokenize } from "./text.js";

/** Share of a claim's word weight (IDF) that must be found in the evidence. */
export const DEFAULT_MIN_COVERAGE = 0.75;
/** A "yes" to a question is unsupported when less than this share of the question is in the evidence. */
const YES_MIN_COVERAGE = 0.5;
/** A negation is compared with a passage that shares at least this much of the claim's words. */
const NEGATION_MIN_SHARE = 0.6;

export type ProblemRule =
  | "grounding.unsupported-claim"
  | "grounding.number-mismatch"
  | "grounding.unit-mismatch"
  | "grounding.date-mismatch"
  | "grounding.entity-mismatch"
  | "grounding.quote-not-found"
  | "grounding.negation-mismatch"
  | "grounding.restates-question";

/** Why a claim is not supported. */
export interface Problem {
  readonly ruleId: ProblemRule;
  readonly severity: Severity;
  /** What is wrong, without the passage (the finding adds it). */
  readonly detail: string;
}

export interface ClaimCheck {
  readonly claim: Claim;
  readonly problems: readonly Problem[];
  /** The passage closest to the claim (cited by every finding on it). */
  readonly passage: Passage | undefined;
  /** Share of the claim's word weight found in the evidence, 0..1. */
  readonly coverage: number;
  /** Words of the claim not found in the evidence. */
  readonly missing: readonly string[];
  /** Words and quantities the claim adds to its question (0: it only restates the question). */
  readonly added: number;
}

export interface CheckOptions {
  readonly question: string;
  readonly minCoverage: number;
}

const QUOTE = /["“”]([^"“”]{2,}?)["“”]/g;
export function checkClaim(claim: Claim, index: EvidenceIndex, options: CheckOptions): ClaimCheck {
  const questionTokens = tokenize(options.question);
  const questionKeys = new Set(questionTokens.map((token) => token.key));
  // A sentence may restate its question; a bare name or value is checked word for word.
  const restates = (!claim.short || isStatement(claim.text)) && claim.polarity === undefined;
  const given = (token: Token) => restates && questionKeys.has(token.key);
  const claimTokens = contentTokens(claim.text);
  const closest = closestPassage(index, claimTokens, claim.short ? questionTokens : []);
  const passage = closest?.passage;
  const problems: Problem[] = [];

  problems.push(...checkQuotes(claim, index, options.question));
  const numberProblems = checkQuantities(claim, index, passage, restates ? options.question : "");
  problems.push(...numberProblems);

  // Numbers and their units, scales and hedges are the quantity check's business.
  const spans = quantities(claim.text).map((q) => [q.start, q.start + q.text.length] as const);
  const inQuantity = (token: Token) => spans.some(([from, to]) => token.start >= from && token.start < to);
  const words = claimTokens.filter((token) => !/\d/.test(token.text) && !inQuantity(token));
  const counted = words.filter((token) => !given(token));
  const missingTokens = counted.filter((token) => !hasWord(index.keys, token));
  const total = counted.reduce((sum, token) => sum + index.idf(token.key), 0);
  const found = total - missingTokens.reduce((sum, token) => sum + index.idf(token.key), 0);
  const coverage = total === 0 ? 1 : found / total;
  const missing = [...new Set(missingTokens.map((token) => token.text))];

  const names = missingNames(claim, index, given);
  if (names.length > 0) {
    const others = passage === undefined ? [] : passageNames(passage.text, claim.text);
    problems.push({
      ruleId: "grounding.entity-mismatch",
      severity: "high",
      detail:
        `names ${names.map((name) => `"${name}"`).join(", ")}, which the evidence does not mention` +
        (others.length > 0
          ? ` (the closest passage names ${others
              .slice(0, 3)
              .map((o) => `"${o}"`)
              .join(", ")})`
          : ""),
    });
  } else if (
    problems.length === 0 &&
    !claim.short &&
    claim.polarity === undefined &&
    !namesTogether(claim, index)
  ) {
    problems.push({
      ruleId: "grounding.unsupported-claim",
      severity: "high",
      detail: "relates names that no passage mentions together",
    });
  } else if (coverage < options.minCoverage && problems.length === 0) {
    problems.push({
      ruleId: "grounding.unsupported-claim",
      severity: "high",
      detail: `no passage supports it (${Math.round(coverage * 100)}% of its words found; missing: ${missing.slice(0, 6).join(", ")})`,
    });
  }

  if (claim.polarity !== undefined) {
    // A bare yes or no: the question's own wording rarely matches the passages, so only a
    // clear case counts: "yes" to a question most of whose words the evidence lacks, or
    // "no" to one the evidence states word for word.
    problems.length = 0;
    if (claim.polarity === "yes" && coverage < YES_MIN_COVERAGE) {
      problems.push({
        ruleId: "grounding.unsupported-claim",
        severity: "high",
        detail: `is answered yes, but the evidence lacks most of it (missing: ${missing.slice(0, 6).join(", ")})`,
      });
    }
    // The passage to weigh a yes or no against is the one sharing the question's ordinary words.
    const ordinary = closestPassage(
      index,
      claimTokens.filter((token) => !token.capitalised),
    )?.passage;
    const stated = ordinary !== undefined && sharesMostWords(claimTokens, ordinary, index, () => false);
    if (
      claim.polarity === "no" &&
      coverage >= 1 &&
      names.length === 0 &&
      numberProblems.length === 0 &&
      !(stated && ordinary?.negated)
    ) {
      problems.push({
        ruleId: "grounding.negation-mismatch",
        severity: "high",
        detail: "is answered no, but the evidence states it",
      });
    }
    if (claim.polarity === "yes" && problems.length === 0 && stated && ordinary?.negated) {
      problems.push({
        ruleId: "grounding.negation-mismatch",
        severity: "high",
        detail: "is answered yes, but the closest passage negates it",
      });
    }
  } else if (problems.length === 0 && passage !== undefined && claim.polarity === undefined) {
    const negated = tokenize(claim.text).some(isNegation);
    // A short answer is read with its question: only a negation in the answer itself counts.
    const relevant = negated || !claim.short || isStatement(claim.text);
    if (relevant && negated !== passage.negated && sharesMostWords(claimTokens, passage, index, given)) {
      problems.push({
        ruleId: "grounding.negation-mismatch",
        severity: "high",
        detail: negated
          ? "negates what the closest passage states"
          : "states what the closest passage negates",
      });
    }
  }
  const added =
    words.filter((token) => !questionKeys.has(token.key)).length +
    novelQuantities(claim, options.question).length;
  return { claim, problems, passage, coverage, missing, added };
}

function checkQuotes(claim: Claim, index: EvidenceIndex, question: string): Problem[] {
  const problems: Problem[] = [];
  const flatQuestion = flatten(question);
  for (const match of claim.text.matchAll(QUOTE)) {
    const quoted = flatten(match[1] ?? "");
    if (quoted.trim().length === 0 || index.flat.includes(quoted)) continue;
    if (!claim.short && flatQuestion.includes(quoted)) continue;
    problems.push({
      ruleId: "grounding.quote-not-found",
      severity: "high",
      detail: `quotes "${match[1]}", which appears nowhere in the evidence`,
    });
  }
  return problems;
}

const DATE_KINDS = new Set(["year", "day", "decade"]);

/** Quantities of the claim not already in `question`, each found in the evidence or a problem. */
export function novelQuantities(claim: Claim, question: string): Quantity[] {
  const asked = quantities(question);
  return quantities(claim.text).filter(
    (claimed) => !asked.some((q) => compareQuantities(claimed, q) === "same"),
  );
}

function checkQuantities(
  claim: Claim,
  index: EvidenceIndex,
  passage: Passage | undefined,
  question: string,
): Problem[] {
  const problems: Problem[] = [];
  for (const claimed of novelQuantities(claim, question)) {
    const matches = index.quantities.map(({ quantity }) => compareQuantities(claimed, quantity));
    if (matches.includes("same") || matches.includes("converted")) continue;
    const isDate = DATE_KINDS.has(claimed.kind);
    const unitClash = index.quantities.find(
      ({ quantity }) => compareQuantities(claimed, quantity) === "unit-mismatch",
    );
    if (unitClash !== undefined) {
      problems.push({
        ruleId: "grounding.unit-mismatch",
        severity: "high",
        detail: `says ${claimed.text}, but the evidence gives ${unitClash.quantity.text}`,
      });
      continue;
    }
    const near = (passage?.quantities ?? []).filter((q) => comparableKind(claimed, q));
    const elsewhere = index.quantities
      .filter(({ quantity }) => comparableKind(claimed, quantity))
      .map((e) => e.quantity);
    const shown = (near.length > 0 ? near : elsewhere).slice(0, 3).map((q) => q.text);
    problems.push({
      ruleId: isDate ? "grounding.date-mismatch" : "grounding.number-mismatch",
      severity: "high",
      detail:
        `says ${claimed.text}, which the evidence does not` +
        (shown.length > 0 ? ` (it gives ${shown.join(", ")})` : ""),
    });
  }
  return problems;
}

function comparableKind(claimed: Quantity, other: Quantity): boolean {
  if (DATE_KINDS.has(claimed.kind)) return claimed.kind === other.kind;
  return (
    !DATE_KINDS.has(other.kind) &&
    (claimed.unit === undefined || claimed.unit === other.unit || other.unit === undefined)
  );
}

/**
 * Whether a passage shares most of a claim's ordinary words (names are left out: a passage
 * often calls "the Harbour Line" just "the line").
 */
function sharesMostWords(
  claimTokens: readonly Token[],
  passage: Passage,
  index: EvidenceIndex,
  given: (token: Token) => boolean,
): boolean {
  const counted = claimTokens.filter((token) => !given(token) && !token.capitalised);
  const total = counted.reduce((sum, token) => sum + index.idf(token.key), 0);
  const shared = counted
    .filter((token) => hasWord(passage.keys, token))
    .reduce((sum, t) => sum + index.idf(t.key), 0);
  return total > 0 && shared / total >= NEGATION_MIN_SHARE;
}
