import { z } from "zod";

/**
 * The ground-truth store port: one interface, two adapters (the embedded SQLite store and the
 * Weaviate adapter), one contract test suite (`test/rag/store-contract.ts`).
 */

/** Collection names: short, portable to SQLite and to Weaviate class names. */
export const CollectionNameSchema = z
  .string()
  .regex(
    /^[A-Za-z][A-Za-z0-9_-]{0,62}$/,
    "must start with a letter, then letters, digits, '_' or '-' (max 63)",
  );

/** Access labels: lowercase words, e.g. finance, restricted. */
export const LabelSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._:-]{0,62}$/, "must be lowercase letters, digits, '.', '_', ':' or '-' (max 63)");

/** One chunk to store: its text, its place in the source, the labels a reader must hold. */
export interface ChunkInput {
  readonly text: string;
  /** 0-based index of the chunk within its source. */
  readonly position: number;
  /** Where in the source it came from, readable: "line 3", "row 12", "chars 0-800". */
  readonly locator?: string;
  readonly labels: readonly string[];
}

/** One source (a file, or one document of a file) and all its chunks: replaced as a whole. */
export interface SourceInput {
  /** Source path or id as the user will recognise it (relative path, or path#row). */
  readonly source: string;
  /** sha256 of the source's bytes and labels: unchanged sha means nothing to do. */
  readonly sha256: string;
  readonly chunks: readonly ChunkInput[];
}

/** A stored chunk as search returns it. */
export interface ChunkHit {
  /** Stable id: `${source}#${position}`. */
  readonly id: string;
  readonly source: string;
  readonly position: number;
  readonly locator: string | null;
  readonly text: string;
  /** sha256 of `text`. */
  readonly contentHash: string;
  readonly labels: readonly string[];
  /** Higher is better; comparable only within one result list. */
  readonly score: number;
}

/** Who reads: the labels they hold. A chunk is visible only if the reader holds all its labels. */
export interface Principal {
  readonly id: string;
  readonly labels: readonly string[];
}

/** Narrows a search beyond access control. */
export interface SearchFilter {
  /** Only chunks of these sources (exact source ids). */
  readonly sources?: readonly string[];
  /** Only chunks that carry every one of these labels. */
  readonly labels?: readonly string[];
}

export const SEARCH_MODES = ["auto", "lexical", "vector", "hybrid"] as const;
export type SearchMode = (typeof SEARCH_MODES)[number];

export interface SearchRequest {
  readonly query: string;
  readonly k: number;
  /** Omitted: the anonymous reader, who sees only unlabelled chunks. */
  readonly principal?: Principal;
  readonly filter?: SearchFilter;
  /** "auto" (default): hybrid when the store has an embeddings model, else lexical. */
  readonly mode?: SearchMode;
}

export interface SearchResult {
  readonly hits: ChunkHit[];
  /** The collection's version the hits were read at. */
  readonly version: number;
  /** The ranking actually used ("lexical" when no embeddings model is configured). */
  readonly mode: Exclude<SearchMode, "auto">;
}

export interface CollectionInfo {
  readonly name: string;
  /** Bumped by every ingest or delete that changes something (0 until the first source). */
  readonly version: number;
  readonly sources: number;
  readonly chunks: number;
}

export interface IngestOutcome {
  readonly collection: string;
  readonly version: number;
  readonly added: string[];
  readonly replaced: string[];
  readonly unchanged: string[];
  readonly chunksWritten: number;
}

export interface GroundTruthStore {
  /** "embedded" or "weaviate": recorded with every retrieval. */
  readonly kind: string;
  /** Where the data lives, for the log and messages (a file path, a URL). */
  readonly location: string;
  /** True when vector search is available (an embeddings model is configured). */
  readonly hasEmbeddings: boolean;
  /**
   * Writes every source in one transaction: an unchanged sha256 is skipped, a changed one
   * replaces all the source's chunks. Creates the collection if needed. Bumps its version once
   * when anything changed.
   */
  ingest(collection: string, sources: readonly SourceInput[]): Promise<IngestOutcome>;
  /** Removes a source and its chunks; false when it was not there. Bumps the version when removed. */
  deleteSource(collection: string, source: string): Promise<boolean>;
  /** Throws COLLECTION_NOT_FOUND for an unknown collection. Labels are enforced inside the query. */
  search(collection: string, request: SearchRequest): Promise<SearchResult>;
  /** Undefined when the collection does not exist. */
  collection(name: string): Promise<CollectionInfo | undefined>;
  listCollections(): Promise<CollectionInfo[]>;
  close(): Promise<void>;
}
