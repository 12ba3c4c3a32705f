// Evidence given as plain strings (`input.evidence: string[]`) turned into Evidence objects.
import type { Evidence } from "../../domain/evidence.js";
import { sha256Hex } from "../../internal/sha256.js";

/** Where supplied passages come from, in their evidence ids and sources. */
export const SUPPLIED_SOURCE = "input.evidence";

/** Passages given with a task as evidence: ids `input.evidence#0`, `#1`..., content hashes. */
export function textEvidence(passages: readonly string[], source = SUPPLIED_SOURCE): Evidence[] {
  return passages.map((text, index) => ({
    id: `${source}#${index}`,
    source,
    text,
    contentHash: sha256Hex(text),
  }));
}

/** Evidence lists merged, each passage once (by content hash). */
export function mergeEvidence(...lists: ReadonlyArray<readonly Evidence[]>): Evidence[] {
  const seen = new Set<string>();
  const merged: Evidence[] = [];
  for (const list of lists) {
    for (const item of list) {
      if (seen.has(item.contentHash)) continue;
      seen.add(item.contentHash);
      merged.push(item);
    }
  }
  return merged;
}
