import { AsyncLocalStorage } from "node:async_hooks";
import Anthropic from "@anthropic-ai/sdk";
import type { MessageCreateParamsNonStreaming } from "@anthropic-ai/sdk/resources/messages/messages";
import type { ChatAnthropic } from "@langchain/anthropic";
import { BatchQueue, type BatchQueueOptions } from "./batch-queue.js";

/** `runMany({ batch })`: send auditor model calls through the Message Batches API. */
export type BatchRunOptions = BatchQueueOptions;

const sessions = new AsyncLocalStorage<BatchQueue>();
const batchedCalls = new AsyncLocalStorage<BatchQueue>();

/**
 * Runs `fn` with a batch session: calls made through `batchedCall()` inside it (auditor model
 * calls) are queued into Message Batches instead of sent one by one. Resolves to `fn`'s result
 * and whether batches were left unread (an interrupted wait; they resume with the same stateDir).
 */
export async function runWithBatch<T>(
  options: BatchRunOptions,
  fn: () => Promise<T>,
): Promise<{ result: T; unfinished: boolean }> {
  const queue = new BatchQueue(options);
  const result = await sessions.run(queue, fn);
  return { result, unfinished: await queue.close() };
}

/** Runs `fn` so that its Anthropic calls go through the current batch session, if there is one. */
export function batchedCall<T>(fn: () => Promise<T>): Promise<T> {
  const queue = sessions.getStore();
  return queue === undefined ? fn() : batchedCalls.run(queue, fn);
}

/** Whether a batch session is active around this call (`runMany({ batch })`). */
export function batchActive(): boolean {
  return sessions.getStore() !== undefined;
}

/** The part of an Anthropic client (any SDK version) that ChatAnthropic calls. */
interface MessagesClient {
  messages: { create: (body: never, options?: never) => unknown };
}

/**
 * Makes the client ChatAnthropic created batch-aware: `messages.create` inside `batchedCall()`
 * hands the request ChatAnthropic formatted to the batch queue and returns the batch's answer
 * for ChatAnthropic to parse as a live one; every other call is sent as before. The batches
 * endpoints are called with this package's SDK, with the same key and base URL.
 */
export function batchAwareClient<C extends MessagesClient>(
  client: C,
  options: { apiKey?: unknown; baseURL?: string | null | undefined },
): C {
  const messages = client.messages;
  const live = messages.create.bind(messages) as (body: unknown, options?: unknown) => unknown;
  let batches: Anthropic | undefined;
  const create = (body: MessageCreateParamsNonStreaming, requestOptions?: unknown) => {
    const queue = batchedCalls.getStore();
    if (queue === undefined || (body as { stream?: unknown }).stream === true) {
      return live(body, requestOptions);
    }
    const { stream: _stream, ...params } = body as MessageCreateParamsNonStreaming & { stream?: unknown };
    batches ??= new Anthropic({
      ...(typeof options.apiKey === "string" ? { apiKey: options.apiKey } : {}),
      ...(options.baseURL == null ? {} : { baseURL: options.baseURL }),
    });
    return queue.submit(batches, params);
  };
  messages.create = create as never;
  return client;
}

/** Gives a ChatAnthropic we created a batch-aware client (`batchAwareClient`). */
export function withBatchAwareClient(model: ChatAnthropic): ChatAnthropic {
  const base = model.createClient;
  model.createClient = (options) => batchAwareClient(base(options), options);
  return model;
}

const BATCHABLE: unique symbol = Symbol.for("crosscheck.batchable");

/** Marks an agent whose model calls can go through `batchedCall()` (copied by object spread). */
export function markBatchable<T extends object>(agent: T): T {
  Object.defineProperty(agent, BATCHABLE, { value: true, enumerable: true });
  return agent;
}

export function isBatchable(agent: object): boolean {
  return (agent as { [BATCHABLE]?: boolean })[BATCHABLE] === true;
}
