// Words as the grounding auditor compares them: tokens, a light stem, stopwords, a few synonyms.

/** A word of a text: as written, its comparison key, and where it starts. */
export interface Token {
  readonly text: string;
  /** Lowercased, accents folded, lightly stemmed, synonyms mapped to one key. */
  readonly key: string;
  readonly start: number;
  /** Written with a capital letter (and not all in lowercase). */
  readonly capitalised: boolean;
  /** Keys of the parts of a hyphenated word ("BAFTA-winning": bafta, winn); empty otherwise. */
  readonly parts: readonly string[];
}

const STOPWORDS = new Set(
  (
    "a an the and or but if of in on at to for from by with about as into onto over under than then " +
    "that this these those there here it its it's he she they them his her their hers theirs him we us our " +
    "you your i me my is are was were be been being am do does did done has have had having will would " +
    "shall should can could may might must which who whom whose what when where why how also so such " +
    "very just only both each either any all some most more other another same own one's s t up out " +
    "after before during while since until between through against among per via known called named " +
    "first one yes about around approximately roughly nearly almost some each every"
  ).split(" "),
);

/** Words that flip a statement. */
export const NEGATIONS = new Set([
  "not",
  "no",
  "never",
  "neither",
  "nor",
  "none",
  "nobody",
  "nothing",
  "without",
  "cannot",
  "n't",
]);

// A few near-synonyms, each group mapped to its first word (paraphrase tolerance, kept small).
const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ["film", "movie", "picture"],
  ["begin", "start", "commence"],
  ["establish", "found", "create"],
  ["end", "finish", "conclude"],
  ["big", "large", "huge"],
  ["small", "little", "tiny"],
  ["die", "death", "dead", "decease"],
  ["born", "birth"],
  ["buy", "purchase", "acquire"],
  ["make", "produce", "manufacture", "build", "construct"],
  ["write", "author", "pen"],
  ["song", "single", "track"],
  ["city", "town"],
  ["country", "nation"],
  ["job", "occupation", "profession", "career"],
  ["award", "prize"],
  ["win", "won"],
  ["show", "series", "programme", "program"],
  ["car", "automobile", "vehicle"],
  ["hold", "held"],
  ["locate", "situate", "base"],
  ["deep", "depth"],
  ["long", "length"],
  ["high", "height"],
  ["wide", "width"],
];
const SYNONYMS = new Map<string, string>();
for (const group of SYNONYM_GROUPS) for (const word of group) SYNONYMS.set(word, group[0] as string);

// Irregular forms a suffix stripper gets wrong.
const IRREGULAR = new Map<string, string>([
  ["born", "born"],
  ["went", "go"],
  ["gone", "go"],
  ["made", "make"],
  ["wrote", "write"],
  ["written", "write"],
  ["built", "build"],
  ["began", "begin"],
  ["begun", "begin"],
  ["sold", "sell"],
  ["bought", "buy"],
  ["taught", "teach"],
  ["held", "hold"],
  ["led", "lead"],
  ["won", "win"],
  ["men", "man"],
  ["women", "woman"],
  ["children", "child"],
  ["people", "person"],
  ["was", "be"],
  ["were", "be"],
  ["is", "be"],
  ["are", "be"],
]);

/** Folds case and accents: "Opéra" -> "opera". */
export function fold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

/** A light stemmer: enough to match "produced"/"produces"/"production" with "produce". */
export function stem(word: string): string {
  const irregular = IRREGULAR.get(word);
  if (irregular !== undefined) return irregular;
  if (word.length <= 3 || /\d/.test(word)) return word;
  const rules: ReadonlyArray<[RegExp, string]> = [
    [/ies$/, "y"],
    [/ied$/, "y"],
    [/(ss|sh|ch|x|z)es$/, "$1"],
    [/([^s])s$/, "$1"],
    [/ational$/, "ate"],
    [/ation$/, "ate"],
    [/ings?$/, ""],
    [/edly$/, ""],
    [/ed$/, ""],
    [/ly$/, ""],
    [/ment$/, ""],
    [/ers?$/, ""],
  ];
  let result = word;
  for (const [pattern, replacement] of rules) {
    const next = result.replace(pattern, replacement);
    if (next !== result && next.length >= 3) {
      result = next;
      break;
    }
  }
  // "produc" / "produce", "creat" / "create": drop a final e and undouble consonants.
  result = result.replace(/e$/, "").replace(/([b-df-hj-np-tv-z])\1$/, "$1");
  return result;
}

/** The comparison key of one word. */
export function wordKey(word: string): string {
  const folded = fold(word)
    .replace(/['’]s$/, "")
    .replace(/['’]/g, "");
  const stemmed = stem(folded);
  return SYNONYMS.get(folded) ?? SYNONYMS.get(stemmed) ?? stemmed;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?(?:[-.][\p{L}\p{N}]+)*/gu;

/** The words of a text, with their keys. Hyphenated and dotted forms stay one token ("F-22", "U.S"). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const raw = match[0];
    const word = /n['’]t$/i.test(raw) ? raw.replace(/n['’]t$/i, "") : raw;
    const capitalised = /^\p{Lu}/u.test(word) && word !== word.toLowerCase();
    const parts =
      word.includes("-") && /\p{L}{2}/u.test(word) ? word.split("-").filter(Boolean).map(wordKey) : [];
    tokens.push({ text: word, key: wordKey(word), start: match.index, capitalised, parts });
    if (word !== raw) {
      tokens.push({ text: "n't", key: "not", start: match.index + word.length, capitalised, parts: [] });
    }
  }
  return tokens;
}

export function isStopword(token: Token): boolean {
  return STOPWORDS.has(fold(token.text)) || STOPWORDS.has(token.key);
}

/** Whether a token negates: not, never, no, n't... Capitalised ones are titles ("No One Is to Blame"). */
export function isNegation(token: Token): boolean {
  return !token.capitalised && NEGATIONS.has(fold(token.text));
}

/** Whether a word is among a set of keys: itself, or every part of a hyphenated word. */
export function hasWord(keys: ReadonlySet<string>, token: Token): boolean {
  return keys.has(token.key) || (token.parts.length > 1 && token.parts.every((part) => keys.has(part)));
}

/** Content words: no stopwords, no negations, no bare punctuation. */
export function contentTokens(text: string): Token[] {
  return tokenize(text).filter((token) => !isStopword(token) && !isNegation(token));
}

/** Sentences of a text, with their offsets. Keeps "Jr.", "U.S." and initials inside a sentence. */
export function sentences(text: string): Array<{ text: string; start: number }> {
  const result: Array<{ text: string; start: number }> = [];
  const boundary =
    /(?<![A-Z]|\b(?:Jr|Sr|Dr|Mr|Mrs|Ms|St|Mt|vs?|No|Inc|Ltd|Co|etc|approx))[.!?]["”')\]]*(?=\s+["“(]?[\p{Lu}\d])|[.!?]["”')\]]*(?=["“]?\p{Lu}\p{Ll})|\n+/gu;
  let start = 0;
  for (const match of text.matchAll(boundary)) {
    const end = match.index + match[0].length;
    pushSentence(result, text, start, end);
    start = end;
  }
  pushSentence(result, text, start, text.length);
  return result;
}

function pushSentence(
  into: Array<{ text: string; start: number }>,
  text: string,
  from: number,
  to: number,
): void {
  const slice = text.slice(from, to);
  const trimmed = slice.trim();
  if (trimmed.length === 0) return;
  into.push({ text: trimmed, start: from + slice.indexOf(trimmed) });
}
