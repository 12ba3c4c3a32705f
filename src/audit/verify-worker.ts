import { openDatabase } from "./database.js";
import { prepareChunkRead, verifyChunk } from "./verify-chunk.js";
import {
  chunkBounds,
  IDLE,
  lowerStop,
  NEXT,
  STOP,
  STOPPED,
  TICK,
  type VerifyWorkerData,
} from "./verify-parallel.js";

/**
 * The loop of a verify worker thread (started by verify-parallel.ts): claims the next seq range
 * until none is left or a range before it was found broken, verifies it on its own read-only
 * connection and posts the result. Marks itself STOPPED however it ends.
 */
export function runVerifyWorker(data: VerifyWorkerData): void {
  const state = new Int32Array(data.shared);
  const database = openDatabase(data.file, { readonly: true });
  try {
    const read = prepareChunkRead(database.sqlite);
    for (;;) {
      const index = Atomics.add(state, NEXT, 1);
      if (index >= data.chunkCount || index > Atomics.load(state, STOP)) break;
      Atomics.store(state, data.slot, index);
      const [from, to] = chunkBounds(index, data.maxSeq);
      const chunk = verifyChunk(read, index, from, to);
      data.port.postMessage(chunk);
      if (chunk.broken !== undefined) lowerStop(state, index);
      Atomics.store(state, data.slot, IDLE);
      Atomics.add(state, TICK, 1);
      Atomics.notify(state, TICK);
    }
  } finally {
    database.close();
    data.port.close();
    Atomics.store(state, data.slot, STOPPED);
    Atomics.add(state, TICK, 1);
    Atomics.notify(state, TICK);
  }
}
