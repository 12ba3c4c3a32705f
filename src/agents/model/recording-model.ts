import { basename, dirname, relative } from "node:path";
import type { CallbackManagerForLLMRun } from "@langchain/core/callbacks/manager";
import type { BaseLanguageModelInput } from "@langchain/core/language_models/base";
import {
  BaseChatModel,
  type BaseChatModelCallOptions,
  type BindToolsInput,
  type LangSmithParams,
} from "@langchain/core/language_models/chat_models";
import { AIMessage, AIMessageChunk, type BaseMessage } from "@langchain/core/messages";
import type { ChatResult } from "@langchain/core/outputs";
import type { Runnable, RunnableConfig } from "@langchain/core/runnables";
import { CrosscheckError } from "../../errors.js";
import { type CanonicalRequest, canonicalRequest, MAX_LISTED_DIFFERENCES } from "./canonical-request.js";
import { fromStoredMessage } from "./cassette.js";
import {
  currentRecording,
  type RecordingContext,
  type RecordingOptions,
  resolveRecording,
} from "./replay-context.js";

export interface RecordingCallOptions extends BaseChatModelCallOptions {
  /** Set by `bindTools()`; bound on the wrapped model when it is really called. */
  tools?: BindToolsInput[];
  /** Provider response format (e.g. OpenAI `response_format`), part of the recorded request. */
  response_format?: unknown;
}

export interface RecordingChatModelFields {
  /** The model that answers in "record" and "passthrough" modes. */
  model: BaseChatModel;
  /**
   * A fixed cassette and mode for this model. Default: none; each call consults
   * `currentRecording()` and calls straight through when there is no context.
   */
  recording?: RecordingOptions;
}

/**
 * A chat model that answers from a cassette (replay), or calls the wrapped model and stores
 * the exchange (record), or just calls it (passthrough). Tools bound with `bindTools()` (and
 * so `withStructuredOutput()`) are part of the recorded request and are bound on the wrapped
 * model for real calls. Streaming yields the whole answer as one chunk.
 */
export class RecordingChatModel extends BaseChatModel<RecordingCallOptions> {
  readonly inner: BaseChatModel;
  readonly #fixed: RecordingContext | undefined;

  static override lc_name(): string {
    return "RecordingChatModel";
  }

  constructor(fields: RecordingChatModelFields) {
    super({});
    this.inner = fields.model;
    this.#fixed = fields.recording === undefined ? undefined : resolveRecording(fields.recording);
  }

  _llmType(): string {
    // BaseChatModel's field initializers call this before `inner` is set.
    return (this.inner as BaseChatModel | undefined)?._llmType() ?? "recording";
  }

  override _identifyingParams(): Record<string, unknown> {
    return this.inner._identifyingParams();
  }

  override getLsParams(options: this["ParsedCallOptions"]): LangSmithParams {
    return this.inner.getLsParams(options as never);
  }

  override bindTools(
    tools: BindToolsInput[],
    kwargs?: Partial<RecordingCallOptions>,
  ): Runnable<BaseLanguageModelInput, AIMessageChunk, RecordingCallOptions> {
    if (typeof this.inner.bindTools !== "function") {
      throw new CrosscheckError(
        "USAGE",
        `The model ${this.inner._llmType()} does not support tool calling (it has no bindTools); ` +
          "use a chat model that does.",
      );
    }
    return this.withConfig({ ...kwargs, tools });
  }

  async _generate(
    messages: BaseMessage[],
    options: this["ParsedCallOptions"],
    _runManager?: CallbackManagerForLLMRun,
  ): Promise<ChatResult> {
    const recording = this.#fixed ?? currentRecording();
    if (recording === undefined || recording.mode === "passthrough") {
      return chatResult(asChunk(await this.#callInner(messages, options)));
    }
    const request = canonicalRequest(this.inner, messages, options);
    if (recording.mode === "replay") {
      const entry = recording.cassette.lookup(request);
      if (entry === undefined) {
        const miss = replayMiss(recording, request);
        recording.problems.push(miss.message);
        throw miss;
      }
      return chatResult(fromStoredMessage(entry.response));
    }
    const message = await this.#callInner(messages, options);
    const entry = recording.cassette.record(request, message);
    await recording.cassette.save();
    // What replay will return, so a recording run behaves exactly as its replays.
    return chatResult(fromStoredMessage(entry.response));
  }

  async #callInner(messages: BaseMessage[], options: this["ParsedCallOptions"]): Promise<AIMessage> {
    const { tools, tool_choice, ...rest } = options;
    // No callbacks: the wrapper's own run already reports this call (with usage) to every
    // handler; the inner model's run reported too would count the tokens twice.
    const config: Record<string, unknown> = { ...rest, callbacks: [] };
    let runnable: Runnable<BaseLanguageModelInput, BaseMessage> = this.inner;
    if (tools !== undefined && tools.length > 0 && this.inner.bindTools !== undefined) {
      runnable = this.inner.bindTools(tools, tool_choice === undefined ? {} : { tool_choice });
    } else if (tool_choice !== undefined) {
      config["tool_choice"] = tool_choice;
    }
    const answer = await runnable.invoke(messages, config as RunnableConfig);
    return AIMessage.isInstance(answer) ? answer : new AIMessage({ content: answer.content });
  }
}

/** Wraps a model so each call consults the recording context current at call time. */
export function withRecording(model: BaseChatModel): BaseChatModel {
  return model instanceof RecordingChatModel ? model : new RecordingChatModel({ model });
}

function chatResult(message: AIMessageChunk): ChatResult {
  return { generations: [{ text: message.text, message }] };
}

/** Chat models answer with an AIMessageChunk (LangChain's structured output parser checks). */
function asChunk(message: AIMessage): AIMessageChunk {
  if (AIMessageChunk.isInstance(message)) return message;
  const { content, tool_calls, invalid_tool_calls, usage_metadata, response_metadata } = message;
  return new AIMessageChunk({
    content,
    tool_calls: tool_calls ?? [],
    tool_call_chunks: (tool_calls ?? []).map((call, index) => ({
      ...call,
      args: JSON.stringify(call.args),
      index,
      type: "tool_call_chunk" as const,
    })),
    invalid_tool_calls: invalid_tool_calls ?? [],
    response_metadata,
    additional_kwargs: message.additional_kwargs,
    ...(usage_metadata === undefined ? {} : { usage_metadata }),
    ...(message.id === undefined ? {} : { id: message.id }),
    ...(message.name === undefined ? {} : { name: message.name }),
  });
}

/** RECORDING_STALE when an unused entry looks like this request, else RECORDING_MISSING. */
function replayMiss(recording: RecordingContext, request: CanonicalRequest): CrosscheckError {
  const { cassette, caseName } = recording;
  const command = recordCommand(recording);
  const nearest = cassette.nearest(request);
  if (nearest !== undefined) {
    const listed = nearest.differences.slice(0, MAX_LISTED_DIFFERENCES).map((line) => `  - ${line}`);
    const more = nearest.differences.length - listed.length;
    if (more > 0) listed.push(`  ... and ${more} more`);
    return new CrosscheckError(
      "RECORDING_STALE",
      `The model request CHANGED in case "${caseName}" since it was recorded in ${cassette.file}; ` +
        "the recorded response is not used.\n" +
        `What differs (recorded -> now):\n${listed.join("\n")}\n` +
        `If the change is intended, re-record (needs the model's API key):\n  ${command}`,
    );
  }
  const where = cassette.existed
    ? `${cassette.file} has no entry for it (${cassette.size} recorded, all used)`
    : `${cassette.file} does not exist`;
  return new CrosscheckError(
    "RECORDING_MISSING",
    `No recording for a model call in case "${caseName}": ${where}. The call: ${summary(request)}.\n` +
      `Record it (needs the model's API key):\n  ${command}`,
  );
}

function summary(request: CanonicalRequest): string {
  const model = request.model.params["model"] ?? request.model.params["model_name"];
  const last = request.messages.at(-1);
  const content = typeof last?.["content"] === "string" ? last["content"] : JSON.stringify(last?.["content"]);
  const excerpt =
    content === undefined ? "" : ` "${content.length > 60 ? `${content.slice(0, 57)}...` : content}"`;
  return (
    `${request.model.type}${typeof model === "string" ? ` ${model}` : ""}, ` +
    `${request.messages.length} message(s), last ${String(last?.["role"] ?? "none")}${excerpt}`
  );
}

function recordCommand(recording: RecordingContext): string {
  const suite = recording.suite ?? suiteOf(recording.cassette.file);
  return `npx crosscheck scenarios ${shellQuote(suite)} --filter ${shellQuote(recording.caseName)} --update-recordings`;
}

/** `scenarios/receipts/recordings/x.json` -> `scenarios/receipts`. */
function suiteOf(file: string): string {
  const folder = dirname(file);
  if (basename(folder) !== "recordings") return "<suite>";
  return relative(process.cwd(), dirname(folder)) || ".";
}

function shellQuote(text: string): string {
  return /^[\w./:@=-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}
