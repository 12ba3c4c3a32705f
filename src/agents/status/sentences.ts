import {
  BARE_FILE_NAMES,
  DELETE_VERBS,
  EDIT_VERBS,
  FILE_EXTENSIONS,
  NEGATORS,
  PROGRAMS,
  READ_VERBS,
  RUN_VERBS,
  SCOPE_BREAKS,
} from "./lexicon.js";

const VERBS = [EDIT_VERBS, DELETE_VERBS, READ_VERBS, RUN_VERBS];

/** A path or a code span stands in the token list as one of these, indexing `Clause.paths`/`code`. */
export const PATH_TOKEN = "\u0001path";
export const CODE_TOKEN = "\u0001code";

/** One clause of a report: the unit a claim is read from. */
export interface Clause {
  /** The sentence the clause belongs to, as written (the claim's `text`). */
  readonly sentence: string;
  /** Lower-case tokens of the clause before any "except ..." (words, punctuation, placeholders). */
  readonly tokens: readonly string[];
  /** For each PATH_TOKEN / CODE_TOKEN in `tokens`, the path or code it stands for. */
  readonly slots: readonly string[];
  /** Paths named in the main part, in order. */
  readonly paths: readonly string[];
  /** Code spans and unquoted command lines of the main part. */
  readonly commands: readonly string[];
  /** The text after "except", "besides", "other than"..., or a parenthetical aside that skips. */
  readonly except?: string;
  /** The whole clause, as written (code spans restored). */
  readonly raw: string;
}

const EXCEPT =
  /\b(?:except(?:\s+for)?|excluding|besides|other than|apart from|aside from|save for|beyond|outside of)\b/i;
const CLAUSE_BREAK = /\s*;\s*|,?\s+\b(?:but|however|although|though|whereas|yet)\b\s+/i;
const NON_PATHS = new Set(["and/or", "n/a", "i/o", "w/o", "e.g.", "i.e.", "etc."]);

/** Whether a word (trimmed of punctuation) names a file or folder. */
export function isPathLike(word: string): boolean {
  if (word.length < 2 || word.length > 300 || NON_PATHS.has(word.toLowerCase())) return false;
  if (/:\/\/|^https?:|^www\.|@[^/]*\./i.test(word)) return false;
  if (BARE_FILE_NAMES.has(word.split("/").pop() ?? "")) return true;
  if (!/[A-Za-z]/.test(word)) return false;
  if (/^\.[A-Za-z][\w.-]*$/.test(word)) return true; // dotfiles: .env, .gitlab-ci.yml
  const ext = /\.([A-Za-z0-9]+)$/.exec(word)?.[1]?.toLowerCase();
  if (ext !== undefined && FILE_EXTENSIONS.has(ext) && /^[\w@~./+-]+$/.test(word)) return true;
  return /^[\w@~.+-]+\/[\w@./+*-]*$/.test(word) && !/^\d+\/\d+$/.test(word);
}

/** Whether a code span is a command line rather than a path or an identifier. */
export function isCommandLike(code: string): boolean {
  const first = code.trim().split(/\s+/)[0] ?? "";
  return PROGRAMS.has(first) || first.startsWith("./") || (code.includes(" ") && !isPathLike(code));
}

/** Sentences of a report: split on line breaks, bullets and sentence ends (code spans kept whole). */
export function sentences(report: string): string[] {
  const spans: string[] = [];
  const masked = report.replace(/`([^`\n]*)`/g, (_m, code: string) => `\uE000${spans.push(code) - 1}\uE000`);
  const restore = (s: string) =>
    s.replace(/\uE000(\d+)\uE000/g, (_m, i: string) => `\`${spans[Number(i)]}\``);
  return masked
    .split(/\n+|(?<=[.!?])\s+(?=\S)/)
    .map((s) => s.replace(/^\s*(?:[-*•+]|\d+[.)]|#+)\s+/, "").trim())
    .filter((s) => s.length > 0)
    .map(restore);
}

/** Unquoted command lines after a run verb: "ran npm test and npm run build". */
function proseCommands(text: string): string[] {
  const found: string[] = [];
  const pattern =
    /\b(?:ran|run|executed|invoked|via|with)\s+((?:[\w./-]+)(?:\s+[^\s,;]+)*?)(?=\s+(?:to|which|before|after|so|because)\s+|[,;]|\.(?:\s|$)|$)/gi;
  for (const match of text.matchAll(pattern)) {
    for (const part of (match[1] ?? "").split(/\s+(?:and|then)\s+/)) {
      const first = part.split(/\s+/)[0] ?? "";
      if (PROGRAMS.has(first) || first.startsWith("./")) found.push(part.trim());
    }
  }
  return found;
}

function tokenize(text: string, slots: string[], paths: string[], commands: string[]): string[] {
  const tokens: string[] = [];
  const expanded = text
    .replace(/n['’]t\b/gi, " not")
    .replace(/\btype[- ]check|\btype(?=[- ]errors?\b)/gi, "typecheck");
  for (const piece of expanded.match(/`[^`]*`|[^\s,;:()]+|[,;:]/g) ?? []) {
    if (piece.startsWith("`")) {
      const code = piece.slice(1, -1).trim();
      if (isPathLike(code)) {
        tokens.push(PATH_TOKEN);
        slots.push(code);
        paths.push(code);
      } else {
        tokens.push(CODE_TOKEN);
        slots.push(code);
        if (isCommandLike(code)) commands.push(code);
      }
      continue;
    }
    const word = piece.replace(/^["'“‘[{<]+|["'”’\]}>.!?]+$/g, "");
    if (word.length === 0) continue;
    if (isPathLike(word)) {
      tokens.push(PATH_TOKEN);
      slots.push(word);
      paths.push(word);
      continue;
    }
    if (/^v?\d+(?:\.\d+)+$/i.test(word))
      tokens.push(word.toLowerCase()); // a version, not "0"
    else for (const t of word.toLowerCase().split(/[^a-z0-9']+/)) if (t.length > 0) tokens.push(t);
  }
  return tokens;
}

/** The clauses of a report, each with its tokens, paths, commands and exception. */
export function clauses(report: string): Clause[] {
  const out: Clause[] = [];
  for (const sentence of sentences(report)) {
    for (const rawClause of sentence.split(CLAUSE_BREAK)) {
      let main = rawClause;
      let except: string | undefined;
      const cut = EXCEPT.exec(main);
      if (cut !== null) {
        except = main
          .slice(cut.index + cut[0].length)
          .trim()
          .replace(/[.!?]+$/, "");
        main = main.slice(0, cut.index);
      }
      // A parenthetical aside is read apart; one that skips or excludes is an exception. The
      // paths of an aside with no verb of its own belong to the sentence ("the caches (.cache/)").
      main = main.replace(/\(([^()]*)\)/g, (_m, aside: string) => {
        if (/\b(?:skip|skipped|excluded|disabled|ignored|quarantined)\b/i.test(aside)) {
          except = except === undefined ? aside : `${except}; ${aside}`;
          return " ";
        }
        const words = aside.toLowerCase().split(/[^a-z']+/);
        if (words.some((w) => VERBS.some((set) => set.has(w)))) return " ";
        return ` ${aside
          .split(/[\s,]+/)
          .filter((w) => isPathLike(w.replace(/[.;:]+$/, "")))
          .join(" ")} `;
      });
      const slots: string[] = [];
      const paths: string[] = [];
      const commands: string[] = [];
      const tokens = tokenize(main, slots, paths, commands);
      for (const c of proseCommands(main)) if (!commands.includes(c)) commands.push(c);
      if (tokens.length === 0) continue;
      out.push({
        sentence,
        tokens,
        slots,
        paths,
        commands,
        raw: rawClause.trim(),
        ...(except === undefined || except.length === 0 ? {} : { except }),
      });
    }
  }
  return out;
}

const NEGATION_REACH = 5;

/**
 * Whether the token at `i` is denied: a negator up to five tokens before it (not across a comma,
 * "and" or "but"), or "nothing"/"none"/"no" right after a verb ("deleted nothing").
 */
export function isNegated(tokens: readonly string[], i: number, negateAfter = false): boolean {
  for (let j = i - 1; j >= 0 && j >= i - NEGATION_REACH; j--) {
    const t = tokens[j] ?? "";
    if (SCOPE_BREAKS.has(t)) break;
    if (NEGATORS.has(t)) return true;
  }
  const next = tokens[i + 1];
  return negateAfter && (next === "nothing" || next === "none" || next === "no");
}
