import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type Anthropic from "@anthropic-ai/sdk";
import type { MessageCreateParamsNonStreaming } from "@anthropic-ai/sdk/resources/messages/messages";
import { stampRetryable } from "@langchain/core/errors";
import canonicalize from "canonicalize";
import { z } from "zod";
import { CrosscheckError } from "../../errors.js";
import { sha256Hex } from "../../internal/sha256.js";
import { type BatchOutcome, type BatchRequest, DEFAULT_POLL_INTERVAL_MS, runBatch } from "./batches.js";

/** How long the queue waits without a new call before it sends a batch, in ms. */
export const DEFAULT_BATCH_QUIET_MS = 2_000;
/** A batch is sent at once when it holds this many requests. */
export const DEFAULT_BATCH_MAX_SIZE = 1_000;

export interface BatchQueueOptions {
  /**
   * A folder of this run's batch state: answers received (`answers/<request hash>.json`) and
   * batches submitted but not yet read (`pending/`). A run restarted with the same folder
   * reuses the answers and polls the pending batches instead of submitting again.
   */
  stateDir: string;
  /** Default DEFAULT_BATCH_QUIET_MS. */
  quietMs?: number;
  /** Default DEFAULT_BATCH_MAX_SIZE. */
  maxSize?: number;
  /** Wait between two polls, in ms. Default DEFAULT_POLL_INTERVAL_MS (30 s). */
  pollIntervalMs?: number;
  /** Stops waiting for batches (they stay in `stateDir` to resume). */
  signal?: AbortSignal;
  /** Progress: called after each poll of a batch. */
  onPoll?: (batchId: string, status: string, counts: Anthropic.Messages.MessageBatchRequestCounts) => void;
}

const PendingSchema = z.object({
  requests: z.array(z.object({ customId: z.string(), params: z.record(z.string(), z.unknown()) })),
});

interface Waiting {
  key: string;
  params: MessageCreateParamsNonStreaming;
  client: Anthropic;
}

/**
 * Collects Messages API requests and sends them as Message Batches: a batch goes when no new
 * request came for `quietMs`, or at `maxSize`. Each request resolves to its message; an
 * errored, canceled or expired request rejects (not retried: the outcome is final).
 */
export class BatchQueue {
  readonly #options: BatchQueueOptions;
  readonly #calls = new Map<string, Promise<Anthropic.Message>>();
  #waiting: Array<Waiting & { settle: (outcome: Promise<Anthropic.Message>) => void }> = [];
  #timer: NodeJS.Timeout | undefined;
  #pending: Promise<Map<string, { file: string; requests: BatchRequest[] }>> | undefined;
  readonly #resumed = new Map<string, Promise<Map<string, BatchOutcome>>>();
  readonly #inFlight = new Set<Promise<unknown>>();

  constructor(options: BatchQueueOptions) {
    this.#options = options;
  }

  /** The answer to `params`, sent through a batch unless already answered in this state dir. */
  submit(client: Anthropic, params: MessageCreateParamsNonStreaming): Promise<Anthropic.Message> {
    const key = sha256Hex(canonicalize(params) ?? "");
    let call = this.#calls.get(key);
    if (call === undefined) {
      // Final either way: ChatAnthropic's retries must not wait on the same outcome again.
      call = this.#answer(client, key, params).catch((error: unknown) => {
        throw typeof error === "object" && error !== null ? stampRetryable(error, false) : error;
      });
      this.#calls.set(key, call);
    }
    return call;
  }

  /**
   * Ends the session once its calls have settled. Returns whether batches were left unread (an
   * interrupted wait): their state stays in `stateDir` to resume. Otherwise the saved answers
   * are removed, so a later run asks the model again.
   */
  async close(): Promise<boolean> {
    clearTimeout(this.#timer);
    await Promise.allSettled([...this.#inFlight]);
    const files = await readdir(join(this.#options.stateDir, "pending")).catch(() => []);
    if (files.length > 0) return true;
    await rm(join(this.#options.stateDir, "answers"), { recursive: true, force: true });
    return false;
  }

  async #answer(client: Anthropic, key: string, params: MessageCreateParamsNonStreaming) {
    const saved = await readJson(this.#answerFile(key));
    if (saved !== undefined) return saved as Anthropic.Message;
    const pending = [...(await this.#pendingBatches()).entries()].find(([, batch]) =>
      batch.requests.some((r) => r.customId === key),
    );
    if (pending !== undefined) {
      const [digest, batch] = pending;
      let outcomes = this.#resumed.get(digest);
      if (outcomes === undefined) {
        outcomes = this.#track(this.#send(client, batch.requests, batch.file));
        this.#resumed.set(digest, outcomes);
      }
      return messageOf(key, (await outcomes).get(key));
    }
    return new Promise<Anthropic.Message>((resolve) => {
      this.#waiting.push({ key, params, client, settle: resolve });
      clearTimeout(this.#timer);
      if (this.#waiting.length >= (this.#options.maxSize ?? DEFAULT_BATCH_MAX_SIZE)) this.#flush();
      else this.#timer = setTimeout(() => this.#flush(), this.#options.quietMs ?? DEFAULT_BATCH_QUIET_MS);
    });
  }

  #flush(): void {
    clearTimeout(this.#timer);
    const batch = this.#waiting;
    this.#waiting = [];
    const first = batch[0];
    if (first === undefined) return;
    const requests = batch.map((w) => ({ customId: w.key, params: w.params }));
    const file = join(
      this.#options.stateDir,
      "pending",
      `${sha256Hex(batch.map((w) => w.key).join(","))}.json`,
    );
    const outcomes = this.#track(
      writeJson(file, { requests }).then(() => this.#send(first.client, requests, file)),
    );
    for (const waiting of batch)
      waiting.settle(outcomes.then((all) => messageOf(waiting.key, all.get(waiting.key))));
  }

  /** Runs (or resumes) one batch, saves its answers, then forgets the pending batch. */
  async #send(client: Anthropic, requests: BatchRequest[], file: string): Promise<Map<string, BatchOutcome>> {
    const { pollIntervalMs, signal, onPoll } = this.#options;
    const batchId = "";
    const outcomes = await runBatch(client, requests, {
      stateFile: file.replace(/\.json$/, ".state.json"),
      pollIntervalMs: pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
      ...(signal === undefined ? {} : { signal }),
      onPoll: (status, counts) => onPoll?.(batchId, status, counts),
    });
    for (const [key, outcome] of outcomes) {
      if (outcome.type === "succeeded") await writeJson(this.#answerFile(key), outcome.message);
    }
    await rm(file, { force: true });
    return outcomes;
  }

  #track<T>(promise: Promise<T>): Promise<T> {
    this.#inFlight.add(promise);
    void promise.then(
      () => this.#inFlight.delete(promise),
      () => this.#inFlight.delete(promise),
    );
    return promise;
  }

  #answerFile(key: string): string {
    return join(this.#options.stateDir, "answers", `${key}.json`);
  }

  /** Batches a previous process submitted (or was about to) and did not read. */
  #pendingBatches() {
    this.#pending ??= (async () => {
      const folder = join(this.#options.stateDir, "pending");
      const names = await readdir(folder).catch(() => [] as string[]);
      const batches = new Map<string, { file: string; requests: BatchRequest[] }>();
      for (const name of names.filter((n) => n.endsWith(".json") && !n.endsWith(".state.json"))) {
        const file = join(folder, name);
        const parsed = PendingSchema.safeParse(await readJson(file));
        if (!parsed.success) {
          throw new CrosscheckError(
            "USAGE",
            `${file} is not a pending batch (requests); delete it to submit its requests again`,
          );
        }
        batches.set(name, { file, requests: parsed.data.requests as unknown as BatchRequest[] });
      }
      return batches;
    })();
    return this.#pending;
  }
}

function messageOf(key: string, outcome: BatchOutcome | undefined): Anthropic.Message {
  if (outcome?.type === "succeeded") return outcome.message;
  const why =
    outcome === undefined
      ? "missing from the batch results"
      : outcome.type === "errored"
        ? `errored: ${outcome.error}`
        : outcome.type;
  // Final: retrying in this process cannot change a batch's outcome.
  throw stampRetryable(
    new CrosscheckError("MODEL_UNAVAILABLE", `batched model request ${key.slice(0, 12)} ${why}`),
    false,
  );
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as unknown;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

async function writeJson(file: string, value: unknown): Promise<void> {
  await mkdir(join(file, ".."), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(value));
  await rename(temp, file);
}
