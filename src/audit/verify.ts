import os from "node:os";
import { CrosscheckError } from "../errors.js";
import { GENESIS_HASH } from "./chain.js";
import type { CrosscheckDatabase } from "./database.js";
import {
  type BrokenEvent,
  type ChunkResult,
  MAX_SEQ,
  MIN_SEQ,
  missing,
  notLinked,
  PROGRESS_EVERY,
  prepareChunkRead,
  verifyChunk,
} from "./verify-chunk.js";
import { verifyChunksInParallel } from "./verify-parallel.js";

export { PROGRESS_EVERY };

export interface VerifyResult {
  /** True when every event links to the one before and matches its hash and columns. */
  ok: boolean;
  /** Events checked before the first broken one (all of them when ok). */
  checked: number;
  /** Seq of the last event that verified. */
  lastSeq: number;
  /** Hash of the last event that verified (GENESIS_HASH for an empty log): compare it with a head you recorded earlier to detect a truncated tail. */
  headHash: string;
  firstBroken?: BrokenEvent;
}

export interface VerifyOptions {
  /**
   * Called about every PROGRESS_EVERY events with the number verified so far, and once at the end
   * with the result's `checked`.
   */
  onProgress?: (checked: number) => void;
  /**
   * Threads that verify a log of PARALLEL_MIN_EVENTS or more (the calling thread is one of them).
   * Default: the machine's available parallelism, at most MAX_THREADS. 1 never starts a worker.
   * An in-memory database, or one inside an open transaction, is always verified on this thread.
   */
  threads?: number;
}

/** Smaller logs are verified on the calling thread: starting a worker costs more than it saves. */
export const PARALLEL_MIN_EVENTS = 100_000;
export const MAX_THREADS = 4;

/**
 * Recomputes the hash chain over every event in seq order, streaming (memory stays flat on
 * any log size), and reports the first event that is missing, edited, reordered or forged.
 * A verifier who trusts nothing else needs only the rule in `eventHash`.
 *
 * A large log is cut into seq ranges verified by worker threads; each range checks its own links
 * and the ranges are stitched in order (a range's first prev_hash must be the hash that ends the
 * range before), so the result is the same as one pass: the first broken event in seq order.
 */
export function verifyLog(database: CrosscheckDatabase, options: VerifyOptions = {}): VerifyResult {
  const threads = Math.min(options.threads ?? os.availableParallelism(), MAX_THREADS);
  // Ranges are cut from 1 to the last seq (the first range also takes any seq below 1).
  const maxSeq = (database.sqlite.prepare("SELECT max(seq) FROM events").pluck().get() as number | null) ?? 0;
  const parallel =
    threads > 1 &&
    maxSeq >= PARALLEL_MIN_EVENTS &&
    database.path !== ":memory:" &&
    !database.sqlite.inTransaction;
  const chunks = parallel
    ? verifyChunksInParallel(database, { maxSeq, threads, onProgress: options.onProgress })
    : [
        verifyChunk(
          prepareChunkRead(database.sqlite),
          0,
          MIN_SEQ,
          MAX_SEQ,
          options.onProgress,
          PROGRESS_EVERY,
        ),
      ];
  const result = stitch(chunks);
  options.onProgress?.(result.checked);
  return result;
}

/**
 * Joins the verified ranges in seq order into one result: each range's first event must follow
 * the last event of the ranges before it (no gap) and link to its hash. Stops at the first
 * broken event; ranges after it may be missing (`undefined`).
 */
function stitch(chunks: readonly (ChunkResult | undefined)[]): VerifyResult {
  let checked = 0;
  let lastSeq = 0;
  let headHash = GENESIS_HASH;
  const broken = (firstBroken: BrokenEvent): VerifyResult => ({
    ok: false,
    checked,
    lastSeq,
    headHash,
    firstBroken,
  });
  for (const chunk of chunks) {
    if (chunk === undefined)
      throw new Error(`verifyLog: a range before the first broken event was not verified`);
    if (chunk.first === null) continue;
    const { seq, id, prevHash } = chunk.first;
    if (seq !== lastSeq + 1) return broken({ seq: lastSeq + 1, id: null, reason: missing(seq, lastSeq) });
    if (prevHash !== headHash) return broken({ seq, id, reason: notLinked(seq, lastSeq) });
    checked += chunk.checked;
    if (chunk.last !== null) {
      lastSeq = chunk.last.seq;
      headHash = chunk.last.hash;
    }
    if (chunk.broken !== undefined) return broken(chunk.broken);
  }
  return { ok: true, checked, lastSeq, headHash };
}

/** Throws CrosscheckError("LOG_TAMPERED") naming the first broken event, unless the log verifies. */
export function assertLogIntact(database: CrosscheckDatabase): VerifyResult {
  const result = verifyLog(database);
  if (!result.ok && result.firstBroken !== undefined) {
    throw new CrosscheckError(
      "LOG_TAMPERED",
      `the audit log at ${database.path} fails verification: ${result.firstBroken.reason}. Restore it from a backup and keep the tampered copy for investigation`,
    );
  }
  return result;
}
