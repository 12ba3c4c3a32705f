// The evidence as the grounding auditor searches it: sentences, word keys with IDF weights,
// quantities, and the folded text for quoted strings.
import type { Evidence } from "../../domain/evidence.js";
import { type Quantity, quantities } from "./quantities.js";
import { fold, hasWord, isNegation, isStopword, sentences, type Token, tokenize } from "./text.js";

/** One sentence of one evidence passage. */
export interface Passage {
  readonly evidenceId: string;
  /** Index of the sentence in the whole evidence (consecutive within one evidence item). */
  readonly position: number;
  readonly text: string;
  readonly keys: ReadonlySet<string>;
  readonly tokens: readonly Token[];
  readonly negated: boolean;
  readonly quantities: readonly Quantity[];
}

export interface EvidenceIndex {
  readonly passages: readonly Passage[];
  /** Every word key in the evidence. */
  readonly keys: ReadonlySet<string>;
  /** Every quantity in the evidence, with its passage. */
  readonly quantities: ReadonlyArray<{ quantity: Quantity; passage: Passage }>;
  /** The whole evidence folded to letters and digits separated by single spaces (quoted strings). */
  readonly flat: string;
  /** Weight of a word key: rare in the evidence weighs more; absent weighs most. */
  idf(key: string): number;
}

/** Letters and digits only, single-spaced, case and accents folded. */
export function flatten(text: string): string {
  return ` ${fold(text)
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()} `;
}

export function indexEvidence(evidence: readonly Evidence[]): EvidenceIndex {
  const passages: Passage[] = [];
  for (const item of evidence) {
    for (const sentence of sentences(item.text)) {
      const tokens = tokenize(sentence.text);
      passages.push({
        evidenceId: item.id,
        position: passages.length,
        text: sentence.text,
        keys: new Set(tokens.flatMap((token) => [token.key, ...token.parts])),
        tokens,
        negated: tokens.some(isNegation),
        quantities: quantities(sentence.text),
      });
    }
  }
  const documentFrequency = new Map<string, number>();
  for (const passage of passages) {
    for (const key of passage.keys) documentFrequency.set(key, (documentFrequency.get(key) ?? 0) + 1);
  }
  const total = passages.length;
  return {
    passages,
    keys: new Set(documentFrequency.keys()),
    quantities: passages.flatMap((passage) => passage.quantities.map((quantity) => ({ quantity, passage }))),
    flat: evidence.map((item) => flatten(item.text)).join(" | "),
    idf: (key) => Math.log(1 + (total + 1) / (1 + (documentFrequency.get(key) ?? 0))),
  };
}

/**
 * The passage that shares the most weight with a claim: its own words count fully, the words of
 * its context (the question of a short answer) half.
 */
export function closestPassage(
  index: EvidenceIndex,
  claim: readonly Token[],
  context: readonly Token[] = [],
): { passage: Passage; score: number } | undefined {
  let best: { passage: Passage; score: number } | undefined;
  const claimKeys = new Set(claim.map((token) => token.key));
  const contextKeys = new Set(context.map((token) => token.key).filter((key) => !claimKeys.has(key)));
  for (const passage of index.passages) {
    let score = 0;
    for (const key of claimKeys) if (passage.keys.has(key)) score += index.idf(key);
    for (const key of contextKeys) if (passage.keys.has(key)) score += index.idf(key) / 2;
    if (best === undefined || score > best.score) best = { passage, score };
  }
  return best;
}

/**
 * Whether some window of `span` consecutive sentences of one evidence item, together with that
 * item's first sentence (which names its subject; later sentences say "the lake"), holds every
 * group of keys (each group: all of its keys).
 */
export function cooccur(index: EvidenceIndex, groups: ReadonlyArray<readonly Token[]>, span = 3): boolean {
  const { passages } = index;
  const firstOf = new Map<string, Passage>();
  for (const passage of passages)
    if (!firstOf.has(passage.evidenceId)) firstOf.set(passage.evidenceId, passage);
  for (let start = 0; start < passages.length; start++) {
    const id = passages[start]?.evidenceId ?? "";
    const window = passages.slice(start, start + span).filter((p) => p.evidenceId === id);
    const topic = firstOf.get(id);
    if (topic !== undefined) window.push(topic);
    if (groups.every((group) => group.every((token) => window.some((p) => hasWord(p.keys, token)))))
      return true;
  }
  return false;
}

/**
 * Whether a name's words stand together in one sentence, in order, with at most one other
 * content word between them ("Samuel Alito" in "Samuel Anthony Alito Jr."), not scattered
 * ("Denver ... Colorado Avalanche") or reversed ("Castelmere Central to ... Dunmoor").
 */
export function phraseFound(index: EvidenceIndex, words: readonly Token[]): boolean {
  const matches = (token: Token, word: Token) =>
    token.key === word.key || hasWord(new Set([token.key, ...token.parts]), word);
  for (const passage of index.passages) {
    const tokens = passage.tokens.filter((token) => !isStopword(token));
    for (let start = 0; start < tokens.length; start++) {
      let at = start;
      let skipped = 0;
      let matched = 0;
      while (matched < words.length && at < tokens.length && skipped <= 1) {
        if (matches(tokens[at] as Token, words[matched] as Token)) matched++;
        else if (matched === 0) break;
        else skipped++;
        at++;
      }
      if (matched === words.length) return true;
    }
  }
  return false;
}

/** A passage shortened for a message: at most `max` characters, cut at a word. */
export function excerpt(text: string, max = 240): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max - 40))}…`;
}
