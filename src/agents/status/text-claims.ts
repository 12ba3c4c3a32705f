import type { StatusClaim, StatusClaimKind } from "./claims.js";
import { type CheckKind, checkKinds } from "./command-kinds.js";
import {
  BUILD_TOPIC,
  COMPLETE,
  DELETE_VERBS,
  DEPLOY_TOPIC,
  EDIT_VERBS,
  FAILURE,
  HEDGES,
  LINT_TOPIC,
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

/** +n for words saying it went well, -n for words saying it went badly (each flipped when denied). */
function polarity(tokens: readonly string[]): { good: number; bad: number } {
  let good = 0;
  let bad = 0;
  tokens.forEach((t, i) => {
    const sign = SUCCESS.has(t) ? 1 : FAILURE.has(t) ? -1 : 0;
    if (sign === 0) return;
    const value = isNegated(tokens, i) ? -sign : sign;
    if (value > 0) good++;
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
function qualityClaims(clause: Clause): Draft[] {
  const { tokens } = clause;
  const topics = new Set<CheckKind>();
  for (const [kind, words] of QUALITY) if (tokens.some((t) => words.has(t))) topics.add(kind);
  tokens.forEach((t, i) => {
    if (t === CODE_TOKEN) for (const kind of checkKinds(slotAt(clause, i))) topics.add(kind);
  });
  if (topics.size === 0) return [];
  const { good, bad } = polarity(tokens);
  const drafts: Draft[] = [];
  const skipsDenied = tokens.some((t, i) => SKIP.has(t) && isNegated(tokens, i, true));
  if (skipsDenied && topics.has("tests")) drafts.push({ kind: "nothing-skipped" });
  if (good === 0 || bad > 0) return drafts;
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

/** Paths grouped by the verb before them: edited, deleted, or only read. */
function fileClaims(clause: Clause): Draft[] {
  const { tokens } = clause;
  const groups = new Map<string, { verb: "edit" | "delete"; negated: boolean; files: string[] }>();
  let current: { verb: "edit" | "delete" | "read"; negated: boolean } | undefined;
  let pathIndex = 0;
  tokens.forEach((t, i) => {
    if (EDIT_VERBS.has(t)) current = { verb: "edit", negated: isNegated(tokens, i, true) };
    else if (DELETE_VERBS.has(t)) current = { verb: "delete", negated: isNegated(tokens, i, true) };
    else if (READ_VERBS.has(t)) current = { verb: "read", negated: false };
    if (t !== PATH_TOKEN && t !== CODE_TOKEN) return;
    const slot = clause.slots[pathIndex++] ?? "";
    if (t !== PATH_TOKEN || current === undefined || current.verb === "read") return;
    const key = `${current.verb}/${current.negated}`;
    const group = groups.get(key) ?? { verb: current.verb, negated: current.negated, files: [] };
    group.files.push(slot);
    groups.set(key, group);
  });
  const only = tokens.some((t) => ONLY.has(t)) || /\bno other files?\b|\bnothing else\b/i.test(clause.raw);
  const drafts: Draft[] = [];
  for (const { verb, negated, files } of groups.values()) {
    if (verb === "edit")
      drafts.push({ kind: negated ? "files-untouched" : only ? "files-only" : "files-changed", files });
    else drafts.push({ kind: negated ? "nothing-deleted" : "data-deleted", files });
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
  for (const clause of clauses(report)) {
    const drafts = [
      ...qualityClaims(clause),
      ...fileClaims(clause),
      ...networkClaims(clause),
      ...deployClaims(clause),
      ...completeClaims(clause),
      ...commandClaims(clause),
    ];
    for (const draft of drafts) {
      if (draft.kind === "task-complete" && claims.some((c) => c.kind === "task-complete")) continue;
      claims.push({ ...draft, text: clause.sentence, from: "text" });
    }
  }
  return claims;
}
