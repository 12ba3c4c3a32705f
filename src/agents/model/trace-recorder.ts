import { AsyncLocalStorage } from "node:async_hooks";
import type { TraceEvent } from "../../domain/trace.js";

/** A quota an agent ran out of: the `quota.*` rule and what happened. */
export interface QuotaBreach {
  readonly ruleId: string;
  readonly message: string;
}

const storage = new AsyncLocalStorage<TraceRecorder>();

/** Arguments and results are stored as JSON: a value that is not JSON becomes its text. */
function jsonSafe(value: unknown): unknown {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(JSON.stringify(value)) as unknown;
  } catch {
    return String(value);
  }
}

/**
 * The framework's side of an agent's trace. The graph creates one around each worker call;
 * the tracing middleware of model-backed agents finds it through `currentTraceRecorder()` and
 * appends every model call and tool call. It lives outside the agent's state: an agent can
 * neither read nor change nor remove what was recorded (events are copied in and out, frozen).
 */
export class TraceRecorder {
  readonly #events: TraceEvent[] = [];
  readonly #prefix: string;
  #breach: QuotaBreach | undefined;

  /** `prefix` starts every event id (e.g. the case id). */
  constructor(prefix: string) {
    this.#prefix = prefix;
  }

  /** Runs `fn` with this recorder current for every model and tool call inside it. */
  run<T>(fn: () => T): T {
    return storage.run(this, fn);
  }

  /** Appends one event; returns the id it was given. */
  record(event: Omit<TraceEvent, "id">): string {
    const id = `${this.#prefix}:${event.kind}:${this.#events.length + 1}`;
    const copy: TraceEvent = { ...event, id };
    if (event.args !== undefined) copy.args = jsonSafe(event.args);
    if (event.result !== undefined) copy.result = jsonSafe(event.result);
    this.#events.push(Object.freeze(copy));
    return id;
  }

  /** Notes a quota breach (the first one wins) and records it as a trace event. */
  breach(breach: QuotaBreach): void {
    this.#breach ??= { ruleId: breach.ruleId, message: breach.message };
    this.record({ kind: "note", name: breach.ruleId, error: breach.message, startedAt: Date.now() });
  }

  /** The first quota breach, if any. */
  get breached(): QuotaBreach | undefined {
    return this.#breach;
  }

  /** A copy of what was recorded, in order. */
  events(): TraceEvent[] {
    return this.#events.map((event) => ({ ...event }));
  }
}

/** The recorder of the current async call chain, if the framework set one. */
export function currentTraceRecorder(): TraceRecorder | undefined {
  return storage.getStore();
}
