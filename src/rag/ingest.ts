import fs from "node:fs";
import path from "node:path";
import { glob } from "tinyglobby";
import { CrosscheckError } from "../errors.js";
import { DEFAULT_THRESHOLD, scanText } from "../guard/scan.js";
import { sha256Hex } from "../internal/sha256.js";
import { type ChunkOptions, chunkText } from "./chunk.js";
import { type LoadOptions, loadFile } from "./load-file.js";
import type { QuarantinedChunk, QuarantineSink } from "./quarantine.js";
import type { ChunkInput, GroundTruthStore, IngestOutcome, SourceInput } from "./store.js";
import { checkCollectionName } from "./store-checks.js";

export interface IngestOptions extends LoadOptions, ChunkOptions {
  collection: string;
  /** Labels every chunk carries (besides a row's own labels from `labelsField`). */
  labels?: readonly string[];
  /** Source ids are paths relative to this directory. Default: the current directory. */
  root?: string;
  /** Called after each file is read and chunked. */
  onProgress?: (progress: { done: number; total: number; file: string }) => void;
  /**
   * The injection guard run on every chunk before it is stored: a flagged chunk (verdict
   * suspicious or injection) is quarantined, not stored, and listed in the summary. `false`
   * turns it off (trusted corpora). Default: on, threshold 0.5 (suspicious from 0.25).
   */
  guard?: false | { threshold?: number };
  /** Where quarantined chunks are kept (the CLI uses the `rag_quarantine` table). Default: the summary only. */
  quarantine?: QuarantineSink;
}

export interface SkippedFile {
  file: string;
  reason: string;
}

export interface IngestSummary extends IngestOutcome {
  files: number;
  /** Chunks read (stored or quarantined). */
  chunks: number;
  skipped: SkippedFile[];
  /** The guard's settings, or false when it was off. */
  guard: { threshold: number } | false;
  /** Chunks the guard flagged in this ingest: not stored, not searchable. */
  quarantined: QuarantinedChunk[];
}

/**
 * Reads files and directories (recursively), chunks them, and writes them to `store` in one
 * transaction. Files that cannot be used are skipped with a reason; the rest are written.
 */
export async function ingestPaths(
  store: GroundTruthStore,
  paths: readonly string[],
  options: IngestOptions,
): Promise<IngestSummary> {
  checkCollectionName(options.collection);
  if (paths.length === 0) {
    throw new CrosscheckError("USAGE", "nothing to ingest: pass at least one file or directory");
  }
  const root = path.resolve(options.root ?? ".");
  const { files, skipped } = await expandPaths(paths);
  const guard =
    options.guard === false ? false : { threshold: options.guard?.threshold ?? DEFAULT_THRESHOLD };
  const sources: SourceInput[] = [];
  const quarantined: QuarantinedChunk[] = [];
  let chunks = 0;
  for (const [index, file] of files.entries()) {
    const read = await readSource(file, root, options);
    if ("reason" in read) skipped.push({ file: displayPath(file, root), reason: read.reason });
    else {
      const { kept, flagged } = guardChunks(options.collection, read, guard);
      sources.push({ ...read, chunks: kept });
      quarantined.push(...flagged);
      chunks += read.chunks.length;
    }
    options.onProgress?.({ done: index + 1, total: files.length, file: displayPath(file, root) });
  }
  const outcome = await store.ingest(options.collection, sources);
  options.quarantine?.replace(options.collection, [...outcome.added, ...outcome.replaced], quarantined);
  return { ...outcome, files: files.length, chunks, skipped, guard, quarantined };
}

/** Splits a source's chunks into those to store and those the guard flagged. */
function guardChunks(
  collection: string,
  source: SourceInput,
  guard: { threshold: number } | false,
): { kept: ChunkInput[]; flagged: QuarantinedChunk[] } {
  if (guard === false) return { kept: [...source.chunks], flagged: [] };
  const kept: ChunkInput[] = [];
  const flagged: QuarantinedChunk[] = [];
  for (const chunk of source.chunks) {
    const result = scanText(chunk.text, { context: "document", threshold: guard.threshold });
    if (result.verdict === "clean") kept.push(chunk);
    else
      flagged.push({
        collection,
        source: source.source,
        position: chunk.position,
        locator: chunk.locator ?? null,
        text: chunk.text,
        sha256: result.textSha256,
        labels: chunk.labels,
        score: result.score,
        verdict: result.verdict,
        signals: result.signals,
      });
  }
  return { kept, flagged };
}

async function expandPaths(paths: readonly string[]): Promise<{ files: string[]; skipped: SkippedFile[] }> {
  const files: string[] = [];
  const skipped: SkippedFile[] = [];
  for (const given of paths) {
    const absolute = path.resolve(given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch (error) {
      skipped.push({
        file: given,
        reason: `unreadable (${(error as NodeJS.ErrnoException).code ?? "error"})`,
      });
      continue;
    }
    if (stat.isDirectory()) {
      const found = await glob("**/*", { cwd: absolute, onlyFiles: true, absolute: true, dot: false });
      files.push(...found.sort());
    } else files.push(absolute);
  }
  return { files: [...new Set(files)], skipped };
}

async function readSource(
  file: string,
  root: string,
  options: IngestOptions,
): Promise<SourceInput | { reason: string }> {
  const loaded = loadFile(file, options);
  if (!loaded.ok) return { reason: loaded.reason };
  const chunks: ChunkInput[] = [];
  for (const document of loaded.documents) {
    const labels = [...new Set([...(options.labels ?? []), ...document.labels])].sort();
    const pieces = await chunkText(document.text, { ...options, markdown: loaded.kind === "markdown" });
    for (const piece of pieces) {
      const where = `chars ${piece.start}-${piece.end}`;
      chunks.push({
        text: piece.text,
        position: chunks.length,
        locator: document.locator === undefined ? where : `${document.locator}, ${where}`,
        labels,
      });
    }
  }
  if (chunks.length === 0) return { reason: "empty (no text to index)" };
  // The sha covers what decides the chunks: the bytes, the labels and the parsing options.
  const fingerprint = JSON.stringify({
    labels: [...(options.labels ?? [])].sort(),
    jsonField: options.jsonField ?? null,
    labelsField: options.labelsField ?? null,
    chunkSize: options.chunkSize ?? null,
    chunkOverlap: options.chunkOverlap ?? null,
    // Guarded and unguarded ingests store different chunks: switching re-ingests the source.
    guard: options.guard === false ? "off" : (options.guard?.threshold ?? DEFAULT_THRESHOLD),
  });
  return {
    source: displayPath(file, root),
    sha256: sha256Hex(Buffer.concat([loaded.bytes, Buffer.from(`\n${fingerprint}`)])),
    chunks,
  };
}

/** Source ids: POSIX paths relative to the root (absolute when outside it). */
function displayPath(file: string, root: string): string {
  const relative = path.relative(root, file);
  const shown = relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
  return shown.split(path.sep).join("/");
}
