import { changeListClaims } from "./change-list.js";
import type { StatusClaim, StatusClaimKind } from "./claims.js";
import { type CheckKind, checkKinds } from "./command-kinds.js";
import {
  BUILD_TOPIC,
  CAVEATS,
  COMPLETE,
  DELETE_VERBS,
  DEPLOY_TOPIC,
  EDIT_VERBS,
  FAILURE,
  GENERIC_TOPIC,
  HEDGES,
  LINT_TOPIC,
  MODALS,
  NETWORK_TOPIC,
  NETWORK_USE,
  ONLY,
  READ_VERBS,
  RUN_VERBS,
  SKIP,
  SUCCESS,
  TEST_TOPIC,
  TYPECHECK_TOPIC,
} from "./lexicon.js";
import { type Clause, CODE_TOKEN, clauses, isNegated, PATH_TOKEN } from "./sentences.js";

type Draft = Omit<StatusClaim, "from" | "text">;

const QUALITY: ReadonlyArray<[CheckKind, ReadonlySet<string>, StatusClaimKind]> = [
  ["tests", TEST_TOPIC, "tests-passed"],
  ["build", BUILD_TOPIC, "build-succeeded"],
  ["typecheck", TYPECHECK_TOPIC, "typecheck-passed"],
  ["lint", LINT_TOPIC, "lint-passed"],
];

/** Check marks that say a line passed or failed, as agents write them in lists. */
const GOOD_MARK = /^[\s-]*(?:✅|✔️?|☑️?|🟢)/u;
const BAD_MARK = /^[\s-]*(?:❌|✗|✘|🔴|⚠️?)/u;

/**
 * How many words say it went well and how many say it went badly (each flipped when denied).
 * "Warnings" and "issues" count only denied ("0 warnings"): a build with warnings still passes.
 */
function polarity(tokens: readonly string[], raw = ""): { good: number; bad: number } {
  let good = GOOD_MARK.test(raw) ? 1 : 0;
  let bad = BAD_MARK.test(raw) ? 1 : 0;
  tokens.forEach((t, i) => {
    const negated = isNegated(tokens, i);
    if (CAVEATS.has(t)) {
      if (negated) good++;
      return;
    }
    const sign = SUCCESS.has(t) ? 1 : FAILURE.has(t) ? -1 : 0;
    if (sign === 0) return;
    if ((negated ? -sign : sign) > 0) good++;
    else bad++;
  });
  return { good, bad };
}

/** The number of tests a clause states: "all 42 tests pass", "42/42 specs", "42 passed". */
function statedCount(raw: string): number | undefined {
  const match =
    /\b(\d+)(?:\s*(?:\/|of)\s*\d+)?\s+(?:[a-z-]+\s+){0,2}?(?:tests?|specs?|cases)\b/i.exec(raw) ??
    /\b(\d+)\s+(?:tests?\s+)?(?:passed|passing|pass)\b/i.exec(raw);
  return match === null ? undefined : Number(match[1]);
}

const slotAt = (clause: Clause, index: number) =>
  clause.slots[clause.tokens.slice(0, index).filter((t) => t === PATH_TOKEN || t === CODE_TOKEN).length] ??
  "";

/** The checks a clause talks about: by topic word, or by a quoted command (`npm test`). */
function topicsOf(clause: Clause): Set<CheckKind> {
  const topics = new Set<CheckKind>();
  for (const [kind, words] of QUALITY) if (clause.tokens.some((t) => words.has(t))) topics.add(kind);
  clause.tokens.forEach((t, i) => {
    if (t === CODE_TOKEN) for (const kind of checkKinds(slotAt(clause, i))) topics.add(kind);
  });
  return topics;
}

/** Checks a clause admits went badly ("the build still fails on Windows"). */
function admittedFailures(clause: Clause): CheckKind[] {
  return polarity(clause.tokens, clause.raw).bad > 0 ? [...topicsOf(clause)] : [];
}

/** Claims that checks passed; a clause with a modal ("should pass") claims nothing. */
function qualityClaims(clause: Clause): Draft[] {
  const { tokens } = clause;
  const topics = topicsOf(clause);
  const { good, bad } = polarity(tokens, clause.raw);
  if (topics.size === 0) {
    // "All checks pass", "everything is green", "CI is green": every check that ran.
    const generic = tokens.some((t) => GENERIC_TOPIC.has(t));
    return generic && good > 0 && bad === 0 && !tokens.some((t) => MODALS.has(t))
      ? [{ kind: "checks-passed" }]
      : [];
  }
  const drafts: Draft[] = [];
  const skipsDenied = tokens.some((t, i) => SKIP.has(t) && isNegated(tokens, i, true));
  if (skipsDenied && topics.has("tests")) drafts.push({ kind: "nothing-skipped" });
  if (good === 0 || bad > 0 || tokens.some((t) => MODALS.has(t))) return drafts;
  for (const [kind, , claimKind] of QUALITY) {
    if (!topics.has(kind)) continue;
    const commands = clause.commands.filter((c) => checkKinds(c).includes(kind));
    const count =
      kind === "tests" ? statedCount(clause.raw.split(/\b(?:except|besides)\b/i)[0] ?? "") : undefined;
    drafts.push({
      kind: claimKind,
      ...(commands.length > 0 ? { commands } : {}),
      ...(count === undefined ? {} : { count }),
      ...(clause.except === undefined ? {} : { except: clause.except }),
    });
  }
  return drafts;
}

type Verb = { verb: "edit" | "delete" | "read"; negated: boolean };

/**
 * Paths grouped by their verb: the verb before them, or for paths that open a clause
 * ("`src/a.ts`: fixed the bound"), the first verb after them. "No files outside src/ were
 * modified" names the only folder changed.
 */
function fileClaims(clause: Clause): Draft[] {
  const { tokens } = clause;
  const groups = new Map<
    string,
    { verb: "edit" | "delete"; negated: boolean; files: string[]; outside: boolean }
  >();
  const only = tokens.some((t) => ONLY.has(t)) || /\bno other files?\b|\bnothing else\b/i.test(clause.raw);
  const add = (verb: Verb, path: string, outside: boolean) => {
    if (verb.verb === "read") return;
    // "nothing outside src/ was modified": src/ is all that was.
    const negated = outside ? false : verb.negated;
    const key = `${verb.verb}/${negated}/${outside}`;
    const group = groups.get(key) ?? { verb: verb.verb, negated, files: [] as string[], outside };
    group.files.push(path);
    groups.set(key, group);
  };
  let current: Verb | undefined;
  const pending: { path: string; outside: boolean }[] = [];
  let slotIndex = 0;
  tokens.forEach((t, i) => {
    const verb: Verb | undefined = EDIT_VERBS.has(t)
      ? { verb: "edit", negated: isNegated(tokens, i, true) }
      : DELETE_VERBS.has(t)
        ? { verb: "delete", negated: isNegated(tokens, i, true) }
        : READ_VERBS.has(t)
          ? { verb: "read", negated: false }
          : undefined;
    if (verb !== undefined) {
      current = verb;
      for (const p of pending.splice(0)) add(verb, p.path, p.outside);
    }
    if (t !== PATH_TOKEN && t !== CODE_TOKEN) return;
    const slot = clause.slots[slotIndex++] ?? "";
    if (t !== PATH_TOKEN) return;
    const outside = /^(?:outside|beyond)$/.test(tokens[i - 1] ?? "") || tokens[i - 2] === "outside";
    if (current === undefined) pending.push({ path: slot, outside });
    else add(current, slot, outside);
  });
  const drafts: Draft[] = [];
  for (const group of groups.values()) {
    const { verb, negated, files } = group;
    const exhaustive = only || group.outside;
    if (verb === "edit") {
      drafts.push({ kind: negated ? "files-untouched" : exhaustive ? "files-only" : "files-changed", files });
    } else drafts.push({ kind: negated ? "nothing-deleted" : "data-deleted", files });
  }
  // "Nothing was deleted", "I removed the debug logging": deletions without a path.
  const deleteAt = tokens.findIndex((t) => DELETE_VERBS.has(t));
  if (deleteAt >= 0 && ![...groups.values()].some((g) => g.verb === "delete")) {
    drafts.push({ kind: isNegated(tokens, deleteAt, true) ? "nothing-deleted" : "data-deleted" });
  }
  return drafts;
}

function networkClaims(clause: Clause): Draft[] {
  const { tokens } = clause;
  const mentions = tokens
    .map((t, i) => ({ t, i }))
    .filter(({ t, i }) => NETWORK_TOPIC.has(t) && !/^(?:pull|merge)$/.test(tokens[i - 1] ?? ""));
  if (mentions.length === 0) return [];
  const except = clause.except === undefined ? {} : { except: clause.except };
  if (mentions.some(({ t }) => t === "offline")) return [{ kind: "no-network", ...except }];
  const denied =
    mentions.some(({ i }) => isNegated(tokens, i, true)) ||
    tokens.some((t, i) => NETWORK_USE.has(t) && isNegated(tokens, i, true));
  if (denied) return [{ kind: "no-network", ...except }];
  return tokens.some((t) => NETWORK_USE.has(t)) ? [{ kind: "network-used" }] : [];
}

function deployClaims(clause: Clause): Draft[] {
  const { tokens } = clause;
  const at = tokens.findIndex((t) => DEPLOY_TOPIC.has(t));
  if (at < 0 || isNegated(tokens, at) || tokens.some((t) => HEDGES.has(t))) return [];
  if (polarity(tokens).bad > 0) return [];
  const version = /\bv\d+(?:\.\d+)*\b/i.exec(clause.raw)?.[0];
  const where =
    /\bto\s+(?:the\s+)?(production|prod|staging|preview|dev|live|canary|[\w-]+\s+cluster)\b/i.exec(
      clause.raw,
    )?.[1];
  const target = version ?? where;
  return [{ kind: "deployed", ...(target === undefined ? {} : { target }) }];
}

function completeClaims(clause: Clause): Draft[] {
  const { tokens } = clause;
  const at = tokens.findIndex((t) => COMPLETE.has(t));
  if (at < 0 || isNegated(tokens, at) || tokens.some((t) => HEDGES.has(t))) return [];
  return [{ kind: "task-complete", ...(clause.except === undefined ? {} : { except: clause.except }) }];
}

function commandClaims(clause: Clause): Draft[] {
  if (clause.commands.length === 0 || !clause.tokens.some((t) => RUN_VERBS.has(t))) return [];
  const at = clause.tokens.findIndex((t) => RUN_VERBS.has(t));
  return isNegated(clause.tokens, at) ? [] : [{ kind: "commands-run", commands: [...clause.commands] }];
}

/** The claims of a free-text report, sentence by sentence, in order. One task-complete at most. */
export function textClaims(report: string): StatusClaim[] {
  const claims: StatusClaim[] = [];
  const all = clauses(report);
  for (const clause of all) {
    // "The build still fails on Windows, but Linux builds succeed": the admission in the same
    // sentence qualifies the claim, as an exception.
    const admissions = all.filter((c) => c !== clause && c.sentence === clause.sentence);
    const qualified = (draft: Draft): Draft => {
      // "I implemented the parser, but could not get the typecheck to pass": the contrast qualifies "done".
      if (draft.kind === "task-complete" && draft.except === undefined && admissions.length > 0) {
        return { ...draft, except: admissions.map((c) => c.raw).join("; ") };
      }
      const kind = QUALITY.find(([, , claimKind]) => claimKind === draft.kind)?.[0];
      if (kind === undefined || draft.except !== undefined) return draft;
      const admission = admissions.find((c) => admittedFailures(c).includes(kind));
      return admission === undefined ? draft : { ...draft, except: admission.raw };
    };
    const drafts = [
      ...qualityClaims(clause).map(qualified),
      ...fileClaims(clause),
      ...networkClaims(clause),
      ...deployClaims(clause),
      ...completeClaims(clause).map(qualified),
      ...commandClaims(clause),
    ];
    for (const draft of drafts) {
      if (draft.kind === "task-complete" && claims.some((c) => c.kind === "task-complete")) continue;
      claims.push({ ...draft, text: clause.sentence, from: "text" });
    }
  }
  const named = new Set(
    claims.flatMap((c) => (c.kind === "files-changed" || c.kind === "files-only" ? (c.files ?? []) : [])),
  );
  for (const listed of changeListClaims(report)) {
    if (!listed.files?.some((f) => named.has(f))) claims.push(listed);
  }
  return claims;
}
