import { ChatAnthropic } from "@langchain/anthropic";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { initChatModel } from "langchain";
import { CrosscheckError } from "../../errors.js";
import { withBatchAwareClient } from "./batch-context.js";
import { withRecording } from "./recording-model.js";
import { currentRecording } from "./replay-context.js";

/** A chat model instance, or a universal model string such as `anthropic:claude-sonnet-4-5`. */
export type ModelSpec = string | BaseChatModel;

/** Retries of a failed call (429, 529, timeouts, connection errors), with backoff, by the provider's SDK. */
export const DEFAULT_MAX_RETRIES = 3;

export interface ModelResolveOptions {
  /** Default DEFAULT_MAX_RETRIES. */
  maxRetries?: number;
}

/** A model ready for an agent: its id for the log and the independence policy, and the recording-wrapped model. */
export interface ResolvedModel {
  /** `provider:model`, e.g. `anthropic:claude-sonnet-4-5`. */
  readonly id: string;
  /** Whether it is an Anthropic model (prompt caching applies). */
  readonly anthropic: boolean;
  /** The model, wrapped with `withRecording` (created on first use for non-Anthropic strings). */
  model(): Promise<BaseChatModel>;
  /**
   * Why this model cannot be called live in this process (an Anthropic model without
   * ANTHROPIC_API_KEY), or undefined when it can or Crosscheck cannot tell (instances, other providers).
   */
  unavailable(): string | undefined;
}

/** `claude-x` -> `anthropic:claude-x`; `openai:gpt-4o` stays. */
export function modelIdOf(spec: ModelSpec): string {
  if (typeof spec === "string") {
    if (spec.includes(":")) return spec;
    if (spec.startsWith("claude")) return `anthropic:${spec}`;
    if (/^(gpt|o\d)/.test(spec)) return `openai:${spec}`;
    return spec;
  }
  const params = spec._identifyingParams() as Record<string, unknown>;
  const name = params["model"] ?? params["model_name"] ?? params["modelName"];
  return `${spec._llmType()}:${typeof name === "string" ? name : "unknown"}`;
}

/**
 * Resolves a model spec once, at agent definition. Anthropic strings become a `ChatAnthropic`
 * at once (key from `ANTHROPIC_API_KEY`, endpoint from `ANTHROPIC_BASE_URL` when set); other
 * strings go through LangChain's `initChatModel` on first use (their provider package must be
 * installed). Every model is wrapped with `withRecording`, so scenario suites replay offline.
 */
export function resolveModel(
  spec: ModelSpec,
  where: string,
  options: ModelResolveOptions = {},
): ResolvedModel {
  if (
    typeof spec !== "string" &&
    (typeof spec !== "object" || spec === null || typeof spec.invoke !== "function")
  ) {
    throw new CrosscheckError(
      "WORKFLOW_INVALID",
      `${where}.model must be a LangChain chat model or a string such as "anthropic:claude-sonnet-4-5"`,
    );
  }
  const id = modelIdOf(spec);
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  if (typeof spec !== "string") {
    const wrapped = withRecording(spec);
    return {
      id,
      anthropic: spec._llmType() === "anthropic",
      model: async () => wrapped,
      unavailable: () => undefined,
    };
  }
  const colon = id.indexOf(":");
  const provider = colon === -1 ? "" : id.slice(0, colon);
  const name = id.slice(colon + 1);
  if (provider === "" || name === "") {
    throw new CrosscheckError(
      "WORKFLOW_INVALID",
      `${where}.model ${JSON.stringify(spec)} names no provider: write it as "provider:model", e.g. "anthropic:claude-sonnet-4-5"`,
    );
  }
  if (provider === "anthropic") {
    const baseUrl = process.env["ANTHROPIC_BASE_URL"];
    const key = process.env["ANTHROPIC_API_KEY"];
    const wrapped = withRecording(
      withBatchAwareClient(
        new ChatAnthropic({
          model: name,
          maxRetries,
          // Without a key the model can still replay recordings (the guard below stops live calls).
          apiKey: key ?? "ANTHROPIC_API_KEY-not-set",
          ...(baseUrl === undefined ? {} : { anthropicApiUrl: baseUrl }),
        }),
      ),
    );
    const unavailable = () =>
      key === undefined ? `${id} needs ANTHROPIC_API_KEY, which is not set` : undefined;
    return {
      id,
      anthropic: true,
      model: async () => {
        if (key === undefined && currentRecording()?.mode !== "replay") {
          throw new CrosscheckError(
            "MODEL_UNAVAILABLE",
            `${where} needs ${id} live and ANTHROPIC_API_KEY is not set: set it, or run the workflow ` +
              "through a scenario suite whose calls are recorded (npx crosscheck scenarios ...).",
          );
        }
        return wrapped;
      },
      unavailable,
    };
  }
  let pending: Promise<BaseChatModel> | undefined;
  return {
    id,
    anthropic: false,
    unavailable: () => undefined,
    model: () => {
      pending ??= initChatModel(id, { maxRetries }).then(
        (model) => withRecording(model as unknown as BaseChatModel),
        (error: unknown) => {
          throw new CrosscheckError(
            "MODEL_UNAVAILABLE",
            `${where}.model ${JSON.stringify(spec)} could not be created: ${(error as Error).message}. ` +
              "Install the provider's LangChain package or pass a chat model instance.",
            { cause: error },
          );
        },
      );
      return pending;
    },
  };
}
