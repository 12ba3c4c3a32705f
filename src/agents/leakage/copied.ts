import type { Task } from "../../domain/task.js";
import type { GroundTruthStore, Principal } from "../../rag/store.js";

/** Words two texts must share in a row to count as a copied passage, by default. */
export const DEFAULT_COPY_MIN_WORDS = 12;
/** Candidate chunks the store is asked for, by default. */
export const DEFAULT_COPY_CANDIDATES = 20;

export interface RestrictedSourcesOptions {
  store: GroundTruthStore;
  collection: string;
  /** The auditor's own clearance: the labels it may read to compare against (e.g. every label). */
  clearance: Principal;
  /** Who the output is for; chunks this principal may not read must not appear in it. Default: anonymous. */
  principal?: Principal | ((task: Task) => Principal | undefined);
  minWords?: number;
  candidates?: number;
}

export interface CopiedPassage {
  chunkId: string;
  source: string;
  /** Labels of the chunk the principal does not hold. */
  missing: string[];
  words: number;
}

/**
 * Passages of `text` copied from chunks the principal may not read: the store is searched with
 * the auditor's clearance (labels enforced in the store query), then each chunk the principal
 * lacks a label for is compared word by word.
 */
export async function findCopiedPassages(
  text: string,
  task: Task,
  options: RestrictedSourcesOptions,
): Promise<CopiedPassage[]> {
  const minWords = options.minWords ?? DEFAULT_COPY_MIN_WORDS;
  const outputWords = words(text);
  if (outputWords.length < minWords) return [];
  const principal = typeof options.principal === "function" ? options.principal(task) : options.principal;
  const held = new Set(principal?.labels ?? []);
  const { hits } = await options.store.search(options.collection, {
    query: text,
    k: options.candidates ?? DEFAULT_COPY_CANDIDATES,
    principal: options.clearance,
    mode: "lexical",
  });
  const shingles = new Set(ngrams(outputWords, minWords));
  const copied: CopiedPassage[] = [];
  for (const hit of hits) {
    const missing = hit.labels.filter((label) => !held.has(label));
    if (missing.length === 0) continue;
    const shared = longestSharedRun(words(hit.text), shingles, minWords);
    if (shared >= minWords) copied.push({ chunkId: hit.id, source: hit.source, missing, words: shared });
  }
  return copied;
}

function words(text: string): string[] {
  return (text
    .normalize("NFKC")
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu) ?? []) as string[];
}

function ngrams(list: readonly string[], n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + n <= list.length; i++) out.push(list.slice(i, i + n).join(" "));
  return out;
}

/** Length of the longest run of `chunkWords` whose every n-gram occurs in the output (0 if none). */
function longestSharedRun(chunkWords: readonly string[], shingles: ReadonlySet<string>, n: number): number {
  let best = 0;
  let run = 0;
  for (let i = 0; i + n <= chunkWords.length; i++) {
    if (shingles.has(chunkWords.slice(i, i + n).join(" "))) {
      run = run === 0 ? n : run + 1;
      best = Math.max(best, run);
    } else run = 0;
  }
  return best;
}
