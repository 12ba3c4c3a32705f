// Names in a claim (runs of capitalised words) and whether the evidence has them, together.
import type { Claim } from "./claims.js";
import { cooccur, type EvidenceIndex, phraseFound } from "./passages.js";
import { MONTHS } from "./quantities.js";
import { hasWord, isStopword, type Token, tokenize } from "./text.js";

// Lowercase words that may sit inside a name ("Royal Academy of Dramatic Art", "Ludwig van Beethoven").
const NAME_JOINERS = new Set([
  "of",
  "the",
  "and",
  "de",
  "van",
  "von",
  "der",
  "la",
  "le",
  "du",
  "da",
  "di",
  "&",
]);

/**
 * Names in the claim (runs of capitalised words) with a word the evidence lacks. A single
 * capitalised word opening a sentence is an ordinary word, not a name.
 */
export function missingNames(claim: Claim, index: EvidenceIndex, given: (token: Token) => boolean): string[] {
  const missing: string[] = [];
  for (const run of nameRuns(tokenize(claim.text))) {
    if (run.length === 1 && opensSentence(claim.text, run)) continue;
    const words = run.filter(
      (token) => !isStopword(token) && !/\d/.test(token.text) && !(token.key in MONTHS),
    );
    const novel = words.some((token) => !given(token));
    const absent = words.some((token) => !given(token) && !hasWord(index.keys, token));
    if (absent || (novel && words.length >= 2 && !phraseFound(index, words))) {
      missing.push(
        claim.text.slice(run[0]?.start ?? 0, (run.at(-1)?.start ?? 0) + (run.at(-1)?.text.length ?? 0)),
      );
    }
  }
  return missing;
}

/** A statement naming several things must find them close together (within three sentences). */
export function namesTogether(claim: Claim, index: EvidenceIndex): boolean {
  const groups = nameRuns(tokenize(claim.text))
    .filter((run) => !(run.length === 1 && opensSentence(claim.text, run)))
    .map((run) =>
      run.filter((token) => !isStopword(token) && !/\d/.test(token.text) && !(token.key in MONTHS)),
    )
    .filter((group) => group.length > 0);
  return groups.length < 2 || cooccur(index, groups);
}

/** Whether a run of words starts the claim or a sentence in it. */
function opensSentence(text: string, run: readonly Token[]): boolean {
  const start = run[0]?.start ?? 0;
  return start === 0 || /[.!?]\s*$/.test(text.slice(0, start));
}

export function nameRuns(tokens: readonly Token[]): Token[][] {
  const runs: Token[][] = [];
  let current: Token[] = [];
  for (const token of tokens) {
    if (token.capitalised) current.push(token);
    else if (current.length > 0 && NAME_JOINERS.has(token.text.toLowerCase())) current.push(token);
    else {
      if (current.length > 0) runs.push(current);
      current = [];
    }
  }
  if (current.length > 0) runs.push(current);
  // Trailing joiners are not part of the name.
  return runs.map((run) => {
    let end = run.length;
    while (end > 0 && !run[end - 1]?.capitalised) end--;
    return run.slice(0, end);
  });
}

/** Names in a passage the claim does not use (to show what the evidence says instead). */
export function passageNames(text: string, claimText: string): string[] {
  const claimKeys = new Set(tokenize(claimText).map((token) => token.key));
  return nameRuns(tokenize(text))
    .filter((run) => run.length > 0 && run.some((token) => !claimKeys.has(token.key) && !isStopword(token)))
    .map((run) => text.slice(run[0]?.start ?? 0, (run.at(-1)?.start ?? 0) + (run.at(-1)?.text.length ?? 0)));
}
