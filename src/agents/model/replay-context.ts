import { AsyncLocalStorage } from "node:async_hooks";
import { CrosscheckError } from "../../errors.js";
import type { Cassette } from "./cassette.js";

/**
 * - `replay`: answers come from the cassette; a call without a recording is an error.
 * - `record`: calls the real model and stores each exchange (replacing the old one).
 * - `passthrough`: calls the real model, records nothing.
 */
export const RECORDING_MODES = ["replay", "record", "passthrough"] as const;
export type RecordingMode = (typeof RECORDING_MODES)[number];

export const DEFAULT_RECORDING_MODE: RecordingMode = "replay";

export interface RecordingOptions {
  /** Where this case's exchanges are read from and written to. */
  cassette: Cassette;
  /** Default: `"replay"` (DEFAULT_RECORDING_MODE). */
  mode?: RecordingMode;
  /** The scenario case, named in errors. */
  caseName: string;
  /**
   * The suite path shown in the "how to record" command. Default: the folder above the
   * cassette's `recordings/` folder.
   */
  suite?: string;
}

/** A resolved RecordingOptions: what a model call sees through `currentRecording()`. */
export interface RecordingContext {
  /**
   * Recording errors (missing or changed requests) raised in this context. An agent may catch
   * the error and carry on (it becomes an abstain verdict or a worker failure), so the scenario
   * runner reads them here and fails the case with the real cause.
   */
  readonly problems: string[];
  readonly cassette: Cassette;
  readonly mode: RecordingMode;
  readonly caseName: string;
  readonly suite?: string;
}

const storage = new AsyncLocalStorage<RecordingContext>();

/**
 * Runs `fn` with every model wrapped by `withRecording()` replaying from (or recording to)
 * `options.cassette`, however deep in a LangGraph run the call happens. Concurrent runs each
 * see their own context.
 */
export function runWithRecordings<T>(options: RecordingOptions, fn: () => T): T {
  return storage.run(resolveRecording(options), fn);
}

/** Checks and freezes options: defaults filled in, an unknown mode rejected. */
export function resolveRecording(options: RecordingOptions): RecordingContext {
  const mode = options.mode ?? DEFAULT_RECORDING_MODE;
  if (!RECORDING_MODES.includes(mode)) {
    throw new CrosscheckError(
      "USAGE",
      `Recording mode "${String(mode)}" is unknown; use one of ${RECORDING_MODES.join(", ")}.`,
    );
  }
  return Object.freeze({
    cassette: options.cassette,
    mode,
    caseName: options.caseName,
    problems: [],
    ...(options.suite === undefined ? {} : { suite: options.suite }),
  });
}

/** The recording context of the current async call chain, if any. */
export function currentRecording(): RecordingContext | undefined {
  return storage.getStore();
}
