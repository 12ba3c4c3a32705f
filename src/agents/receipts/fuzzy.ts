// Matching printed text through OCR noise: case, spacing, punctuation and a few character errors.

/** Letters and digits only, upper case, with the usual OCR confusions folded (0/O, 1/I/L, 5/S, 8/B). */
export function loose(text: string): string {
  return text
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "")
    .replace(/0/g, "O")
    .replace(/[1L]/g, "I")
    .replace(/5/g, "S")
    .replace(/8/g, "B");
}

/** Legal forms that an extractor may keep or drop without changing who the company is. */
const LEGAL_FORMS =
  /\(M\)|\bSDN\.?\s*BHD\.?|\bBHD\.?|\bPTE\.?\s*LTD\.?|\bLTD\.?|\bLLC\b|\bINC\.?|\bGMBH\b|\bS\.?A\.?R\.?L\.?|\bPLC\b|\bCO\.?\b|\bENTERPRISE\b/gi;

/** A company name reduced to what identifies it: no legal form, loose. */
export function companyKey(name: string): string {
  return loose(name.replace(LEGAL_FORMS, " "));
}

/** Levenshtein distance between two strings. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/** The edits tolerated in a string of `length` loose characters: about one in eight, at least one. */
export function tolerance(length: number, ratio = 0.12): number {
  return Math.max(1, Math.floor(length * ratio));
}

export interface FuzzyHit {
  /** Edits between the pattern and the matched span. */
  readonly distance: number;
  /** The span of `text` matched, [start, end). */
  readonly start: number;
  readonly end: number;
}

/**
 * The span of `text` closest to `pattern` (approximate substring search, Sellers' algorithm);
 * ties prefer the earliest, longest span.
 */
export function fuzzyFind(pattern: string, text: string): FuzzyHit | undefined {
  if (pattern.length === 0 || text.length === 0) return undefined;
  const m = pattern.length;
  // cost[i] and start[i]: best alignment of pattern[0..i) ending at the current text position.
  let cost = Array.from({ length: m + 1 }, (_, i) => i);
  let start = Array.from({ length: m + 1 }, () => 0);
  let best: FuzzyHit | undefined;
  for (let j = 1; j <= text.length; j++) {
    const nextCost = [0];
    const nextStart = [j];
    for (let i = 1; i <= m; i++) {
      const sub = (cost[i - 1] ?? 0) + (pattern[i - 1] === text[j - 1] ? 0 : 1);
      const del = (nextCost[i - 1] ?? 0) + 1;
      const ins = (cost[i] ?? 0) + 1;
      if (sub <= del && sub <= ins) {
        nextCost.push(sub);
        nextStart.push(start[i - 1] ?? 0);
      } else if (ins <= del) {
        nextCost.push(ins);
        nextStart.push(start[i] ?? 0);
      } else {
        nextCost.push(del);
        nextStart.push(nextStart[i - 1] ?? 0);
      }
    }
    cost = nextCost;
    start = nextStart;
    const distance = cost[m] ?? m;
    if (best === undefined || distance < best.distance) best = { distance, start: start[m] ?? 0, end: j };
  }
  return best;
}

/** A text made of lines, loose, with where each line starts: to map a fuzzy hit back to lines. */
export interface LooseText {
  readonly text: string;
  /** `starts[i]` is where line i begins in `text`; `ends[i]` where it ends. */
  readonly starts: readonly number[];
  readonly ends: readonly number[];
}

export function looseLines(lines: readonly string[]): LooseText {
  let text = "";
  const starts: number[] = [];
  const ends: number[] = [];
  for (const line of lines) {
    starts.push(text.length);
    text += loose(line);
    ends.push(text.length);
  }
  return { text, starts, ends };
}

/** The index of the line holding position `pos` of a LooseText (the last line starting at or before it). */
export function lineAt(looseText: LooseText, pos: number): number {
  let found = 0;
  for (let i = 0; i < looseText.starts.length; i++) {
    if ((looseText.starts[i] ?? 0) <= pos && (looseText.ends[i] ?? 0) > (looseText.starts[i] ?? 0)) found = i;
  }
  return found;
}
