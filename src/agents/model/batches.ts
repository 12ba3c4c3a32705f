import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import Anthropic from "@anthropic-ai/sdk";
import type { MessageCreateParamsNonStreaming } from "@anthropic-ai/sdk/resources/messages/messages";
import { AIMessage } from "@langchain/core/messages";
import { z } from "zod";
import { CrosscheckError } from "../../errors.js";
import { sha256Hex } from "../../internal/sha256.js";

/** An Anthropic SDK client (key from ANTHROPIC_API_KEY unless given; `baseURL` for a proxy or a local fake). */
export function anthropicClient(
  options: { apiKey?: string; baseURL?: string; maxRetries?: number } = {},
): Anthropic {
  return new Anthropic({
    ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
    ...(options.baseURL === undefined ? {} : { baseURL: options.baseURL }),
    maxRetries: options.maxRetries ?? 3,
  });
}

/**
 * A Messages API answer (e.g. a batch result) as the LangChain message the agents read: text,
 * tool_use blocks as tool calls, usage with cache tokens, stop reason and model.
 */
export function toAIMessage(message: Anthropic.Message): AIMessage {
  const text = message.content.flatMap((block) => (block.type === "text" ? [block.text] : [])).join("");
  const toolCalls = message.content.flatMap((block) =>
    block.type === "tool_use"
      ? [
          {
            id: block.id,
            name: block.name,
            args: block.input as Record<string, unknown>,
            type: "tool_call" as const,
          },
        ]
      : [],
  );
  const usage = message.usage;
  const cacheRead = usage.cache_read_input_tokens ?? 0;
  const cacheWrite = usage.cache_creation_input_tokens ?? 0;
  const tokensIn = usage.input_tokens + cacheRead + cacheWrite;
  // Cast: with exactOptionalPropertyTypes, @langchain/core 1.4 types usage_metadata as undefined.
  return new AIMessage({
    content: text,
    id: message.id,
    tool_calls: toolCalls,
    response_metadata: { model: message.model, stop_reason: message.stop_reason },
    usage_metadata: {
      input_tokens: tokensIn,
      output_tokens: usage.output_tokens,
      total_tokens: tokensIn + usage.output_tokens,
      input_token_details: { cache_read: cacheRead, cache_creation: cacheWrite },
    },
  } as unknown as ConstructorParameters<typeof AIMessage>[0]);
}

/** Default wait between two polls of a batch, in ms (Anthropic batches take minutes to hours). */
export const DEFAULT_POLL_INTERVAL_MS = 30_000;

export interface BatchRequest {
  /** Unique within the batch; results come back keyed by it. */
  customId: string;
  params: MessageCreateParamsNonStreaming;
}

/** One request's outcome: the message, or why there is none. */
export type BatchOutcome =
  | { type: "succeeded"; message: Anthropic.Message }
  | { type: "errored"; error: string }
  | { type: "canceled" }
  | { type: "expired" };

export interface BatchOptions {
  /**
   * Where the submitted batch id is kept (JSON). It is written before polling starts, so a
   * process that dies while waiting resumes the same batch on the next call, never resubmitting.
   */
  stateFile: string;
  /** Default DEFAULT_POLL_INTERVAL_MS. */
  pollIntervalMs?: number;
  signal?: AbortSignal;
  /** Called after each poll (progress). */
  onPoll?: (status: string, counts: Anthropic.Messages.MessageBatchRequestCounts) => void;
}

const StateSchema = z.object({ batchId: z.string().min(1), digest: z.string(), submittedAt: z.number() });

/** The same requests give the same digest; a state file for other requests is not resumed. */
function digestOf(requests: readonly BatchRequest[]): string {
  return sha256Hex(JSON.stringify(requests.map((r) => [r.customId, r.params])));
}

async function readState(file: string): Promise<z.infer<typeof StateSchema> | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const parsed = StateSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new CrosscheckError(
      "USAGE",
      `${file} is not a batch state file (batchId, digest, submittedAt); delete it to submit the batch again`,
    );
  }
  return parsed.data;
}

async function writeState(file: string, state: z.infer<typeof StateSchema>): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(state, null, 2)}\n`);
  await rename(temp, file);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/**
 * Sends requests through the Anthropic Message Batches API (half the price of live calls, no
 * LangChain equivalent), polls until the batch has ended and returns each request's outcome by
 * custom id. Resumable: the batch id is saved to `stateFile` before polling, and a later call
 * with the same requests polls that batch instead of submitting again. The state file is removed
 * once the results are read.
 */
export async function runBatch(
  client: Anthropic,
  requests: readonly BatchRequest[],
  options: BatchOptions,
): Promise<Map<string, BatchOutcome>> {
  const ids = new Set(requests.map((r) => r.customId));
  if (ids.size !== requests.length) {
    throw new CrosscheckError("USAGE", "batch requests need distinct customId values");
  }
  const digest = digestOf(requests);
  const saved = await readState(options.stateFile);
  if (saved !== undefined && saved.digest !== digest) {
    throw new CrosscheckError(
      "USAGE",
      `${options.stateFile} belongs to batch ${saved.batchId} of other requests; ` +
        "finish that run, or delete the file to submit these requests as a new batch",
    );
  }
  let batchId = saved?.batchId;
  if (batchId === undefined) {
    const batch = await client.messages.batches.create({
      requests: requests.map((r) => ({ custom_id: r.customId, params: r.params })),
    });
    batchId = batch.id;
    await writeState(options.stateFile, { batchId, digest, submittedAt: Date.now() });
  }
  for (;;) {
    const batch = await client.messages.batches.retrieve(batchId);
    options.onPoll?.(batch.processing_status, batch.request_counts);
    if (batch.processing_status === "ended") break;
    await sleep(options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS, options.signal);
  }
  const outcomes = new Map<string, BatchOutcome>();
  for await (const entry of await client.messages.batches.results(batchId)) {
    const result = entry.result;
    outcomes.set(
      entry.custom_id,
      result.type === "succeeded"
        ? { type: "succeeded", message: result.message }
        : result.type === "errored"
          ? { type: "errored", error: JSON.stringify(result.error) }
          : { type: result.type },
    );
  }
  await rm(options.stateFile, { force: true });
  return outcomes;
}
