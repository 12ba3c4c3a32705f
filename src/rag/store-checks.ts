import { z } from "zod";
import { parseWith } from "../domain/parse.js";
import { CrosscheckError } from "../errors.js";
import {
  CollectionNameSchema,
  LabelSchema,
  type SearchMode,
  type SearchRequest,
  type SourceInput,
} from "./store.js";

/** Most chunks one search may return. */
export const MAX_K = 1000;

/** Input checks every store adapter applies the same way (the contract suite relies on them). */

export function checkCollectionName(name: string): void {
  parseWith(CollectionNameSchema, name, "USAGE", `collection name ${JSON.stringify(name)}`);
}

const SearchRequestSchema = z.object({
  query: z.string(),
  k: z.number().int().min(1).max(MAX_K),
  principal: z.object({ id: z.string().min(1), labels: z.array(LabelSchema) }).optional(),
  filter: z
    .object({ sources: z.array(z.string()).optional(), labels: z.array(LabelSchema).optional() })
    .strict()
    .optional(),
  mode: z.enum(["auto", "lexical", "vector", "hybrid"]).optional(),
});

export function checkSearchRequest(request: SearchRequest): void {
  parseWith(SearchRequestSchema, request, "USAGE", "search request");
}

export function duplicateSources(sources: readonly SourceInput[]): void {
  const seen = new Set<string>();
  for (const { source } of sources) {
    if (seen.has(source)) {
      throw new CrosscheckError(
        "USAGE",
        `source "${source}" appears twice in one ingest: give each document its own source id`,
      );
    }
    seen.add(source);
  }
}

/** "auto" becomes hybrid with an embeddings model and lexical without; vector modes need a model. */
export function resolveMode(
  mode: SearchMode | undefined,
  hasEmbeddings: boolean,
  location: string,
): Exclude<SearchMode, "auto"> {
  if (mode === undefined || mode === "auto") return hasEmbeddings ? "hybrid" : "lexical";
  if (mode !== "lexical" && !hasEmbeddings) {
    throw new CrosscheckError(
      "USAGE",
      `${mode} search needs an embeddings model, and the store at ${location} has none: configure one (embeddings option) or use lexical search`,
    );
  }
  return mode;
}

export function collectionNotFound(
  name: string,
  known: readonly string[],
  location: string,
): CrosscheckError {
  const hint =
    known.length === 0
      ? "the store has no collections yet: ingest documents first with `crosscheck ingest <files> --collection NAME`"
      : `known collections: ${known.join(", ")}`;
  return new CrosscheckError("COLLECTION_NOT_FOUND", `no collection "${name}" in ${location}: ${hint}`);
}

/** "a,b" from a flag as a list of labels, or a USAGE error naming the flag. */
export function parseLabels(value: string, flag: string): string[] {
  const labels = value
    .split(",")
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  for (const label of labels) {
    if (!LabelSchema.safeParse(label).success) {
      throw new CrosscheckError(
        "USAGE",
        `${flag}: "${label}" is not a label: use lowercase letters, digits, '.', '_', ':' or '-', comma-separated (e.g. finance,restricted)`,
      );
    }
  }
  return [...new Set(labels)];
}

/** A whole number from a flag, within bounds, or a USAGE error naming the flag. */
export function parseCount(value: string, flag: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new CrosscheckError(
      "USAGE",
      `${flag} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`,
    );
  }
  return n;
}
