import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";
import type { CrosscheckDatabase } from "./database.js";
import { type ChunkResult, MIN_SEQ, PROGRESS_EVERY, prepareChunkRead, verifyChunk } from "./verify-chunk.js";

/** Events per seq range: small enough to balance threads that start late, large enough to stream. */
export const CHUNK_EVENTS = 50_000;
/** With no range finished by any worker for this long, this thread verifies what they hold. */
const STALL_MS = 60_000;

/** Slots of the shared Int32Array every thread claims ranges through. */
export const NEXT = 0; // next range to claim
export const STOP = 1; // lowest range that found a broken event: later ones are not needed
export const TICK = 2; // bumped (and notified) whenever a worker finishes a range or stops
export const SLOTS = 3; // SLOTS + w: the range worker w is on, IDLE, or STOPPED
export const IDLE = -1;
export const STOPPED = -2;

/** What a verify worker receives (see verify-worker.ts). */
export interface VerifyWorkerData {
  file: string;
  shared: SharedArrayBuffer;
  slot: number;
  port: MessagePort;
  maxSeq: number;
  chunkCount: number;
}

export interface ParallelOptions {
  /** Last seq to verify (rows appended after the verification started are not read). */
  maxSeq: number;
  /** Threads in all, this one included. */
  threads: number;
  onProgress?: ((checked: number) => void) | undefined;
}

/** The seq bounds of range `index` (the first one also takes any seq below 1). */
export function chunkBounds(index: number, maxSeq: number): [from: number, to: number] {
  const from = index === 0 ? MIN_SEQ : index * CHUNK_EVENTS + 1;
  return [from, Math.min(maxSeq, (index + 1) * CHUNK_EVENTS)];
}

/**
 * Verifies seq ranges of CHUNK_EVENTS on this thread and `threads - 1` workers, each thread
 * claiming the next range from a shared counter, and returns the results by range (a range after
 * the first broken one may be missing). Synchronous: this thread verifies ranges too, then waits
 * on the shared memory and reads the workers' results with `receiveMessageOnPort`. A worker that
 * cannot start or fails leaves its ranges to this thread, so the result never depends on them.
 */
export function verifyChunksInParallel(
  database: CrosscheckDatabase,
  options: ParallelOptions,
): (ChunkResult | undefined)[] {
  const { maxSeq, onProgress } = options;
  const chunkCount = Math.ceil(maxSeq / CHUNK_EVENTS);
  const shared = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * (SLOTS + options.threads));
  const state = new Int32Array(shared);
  state[STOP] = chunkCount;
  const workers = startWorkers(database.path, shared, options.threads - 1, maxSeq, chunkCount);
  const results: (ChunkResult | undefined)[] = new Array(chunkCount);
  let reported = 0;
  const collect = () => {
    for (const { port } of workers) {
      for (
        let message = receiveMessageOnPort(port);
        message !== undefined;
        message = receiveMessageOnPort(port)
      ) {
        const chunk = message.message as ChunkResult;
        results[chunk.index] ??= chunk;
      }
    }
    if (onProgress === undefined) return;
    const checked = results.reduce((sum, chunk) => sum + (chunk?.checked ?? 0), 0);
    if (Math.floor(checked / PROGRESS_EVERY) > Math.floor(reported / PROGRESS_EVERY)) {
      reported = checked;
      onProgress(checked);
    }
  };
  const read = prepareChunkRead(database.sqlite);
  const verifyHere = (index: number) => {
    const [from, to] = chunkBounds(index, maxSeq);
    const chunk = verifyChunk(read, index, from, to);
    results[index] = chunk;
    if (chunk.broken !== undefined) lowerStop(state, index);
    collect();
  };
  try {
    for (let index = Atomics.add(state, NEXT, 1); claimable(state, index, chunkCount); ) {
      verifyHere(index);
      index = Atomics.add(state, NEXT, 1);
    }
    waitForWorkers(state, workers.length, collect);
    collect();
    // Ranges no worker delivered (one failed, stalled or had not started): verified here.
    for (let index = 0; index < chunkCount && index <= Atomics.load(state, STOP); index++) {
      if (results[index] === undefined) verifyHere(index);
    }
  } finally {
    Atomics.store(state, NEXT, chunkCount);
    for (const { worker, port } of workers) {
      port.close();
      void worker.terminate();
    }
  }
  return results;
}

function claimable(state: Int32Array, index: number, chunkCount: number): boolean {
  return index < chunkCount && index <= Atomics.load(state, STOP);
}

/** Lowers STOP to `index` unless another thread already found an earlier broken range. */
export function lowerStop(state: Int32Array, index: number): void {
  for (let stop = Atomics.load(state, STOP); index < stop; stop = Atomics.load(state, STOP)) {
    if (Atomics.compareExchange(state, STOP, stop, index) === stop) return;
  }
}

/**
 * Blocks until no worker is in the middle of a range that is still needed (none after a broken
 * one), or none has finished a range for STALL_MS.
 */
function waitForWorkers(state: Int32Array, count: number, collect: () => void): void {
  for (;;) {
    collect();
    const stop = Atomics.load(state, STOP);
    let busy = false;
    for (let w = 0; w < count; w++) {
      const range = Atomics.load(state, SLOTS + w);
      busy ||= range >= 0 && range <= stop;
    }
    if (!busy) return;
    const tick = Atomics.load(state, TICK);
    if (Atomics.wait(state, TICK, tick, STALL_MS) === "timed-out") return;
  }
}

interface RunningWorker {
  worker: Worker;
  port: MessagePort;
}

/**
 * The worker module next to this one, and under TypeScript sources (tsx for the CLI, vitest for
 * the tests) the tsx loader the worker registers first: a worker thread does not inherit the
 * loader of the thread that started it. Null when the worker cannot be loaded.
 */
function workerModules(): { entry: string; loader: string | null } | null {
  const self = fileURLToPath(import.meta.url);
  const typescript = path.extname(self) === ".ts";
  const entry = pathToFileURL(path.join(path.dirname(self), `verify-worker${path.extname(self)}`)).href;
  if (!typescript) return { entry, loader: null };
  try {
    return { entry, loader: tsxApi(self) };
  } catch {
    return null;
  }
}

/** URL of tsx's ESM API as resolved from `file`. */
function tsxApi(file: string): string {
  if (typeof import.meta.resolve === "function") return import.meta.resolve("tsx/esm/api");
  // vitest runs modules without import.meta.resolve: read the entry from tsx's package.json.
  const manifestPath = createRequire(file).resolve("tsx/package.json");
  const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8")) as {
    exports: Record<string, { import: { default: string } }>;
  };
  const entry = manifest.exports["./esm/api"]?.import.default;
  if (entry === undefined) throw new Error("tsx has no ./esm/api export");
  return pathToFileURL(path.join(path.dirname(manifestPath), entry)).href;
}

/**
 * Runs in the worker, as a CommonJS script: registers the loader, then hands over to
 * `runVerifyWorker`. Any failure marks the worker STOPPED, so this thread takes its ranges.
 */
const BOOTSTRAP = `
const { workerData } = require("node:worker_threads");
const { shared, slot } = workerData.data;
(async () => {
  try {
    if (workerData.loader !== null) (await import(workerData.loader)).register();
    (await import(workerData.entry)).runVerifyWorker(workerData.data);
  } catch {
    const state = new Int32Array(shared);
    Atomics.store(state, slot, ${STOPPED});
    Atomics.add(state, ${TICK}, 1);
    Atomics.notify(state, ${TICK});
  }
})();
`;

function startWorkers(
  file: string,
  shared: SharedArrayBuffer,
  count: number,
  maxSeq: number,
  chunkCount: number,
): RunningWorker[] {
  const modules = count > 0 ? workerModules() : null;
  if (modules === null) return [];
  const state = new Int32Array(shared);
  const workers: RunningWorker[] = [];
  for (let w = 0; w < count; w++) {
    const slot = SLOTS + w;
    Atomics.store(state, slot, IDLE);
    const { port1, port2 } = new MessageChannel();
    const data: VerifyWorkerData = { file, shared, slot, port: port2, maxSeq, chunkCount };
    const worker = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: { ...modules, data },
      transferList: [port2],
    });
    // A worker that fails is not an error of the verification: its ranges are verified here.
    worker.on("error", () => {});
    worker.unref();
    workers.push({ worker, port: port1 });
  }
  return workers;
}
