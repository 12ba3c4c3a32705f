import {
  BaseChatModel,
  type BaseChatModelCallOptions,
  type BindToolsInput,
} from "@langchain/core/language_models/chat_models";
import {
  AIMessage,
  type AIMessageFields,
  type BaseMessage,
  type UsageMetadata,
} from "@langchain/core/messages";
import type { ChatResult } from "@langchain/core/outputs";

export interface ScriptedCallOptions extends BaseChatModelCallOptions {
  tools?: BindToolsInput[];
}

export interface ScriptedCall {
  messages: BaseMessage[];
  tools: BindToolsInput[];
  toolChoice: unknown;
}

/** What the model answers: a fixed list in order, or a function of the messages. */
export type Script =
  | Array<AIMessage | string>
  | ((messages: BaseMessage[], call: number) => AIMessage | string);

/** A deterministic tool-calling chat model: answers from a script and logs what it was asked. */
export class ScriptedChatModel extends BaseChatModel<ScriptedCallOptions> {
  readonly calls: ScriptedCall[] = [];
  readonly #script: Script;
  readonly #model: string;

  constructor(script: Script, model = "scripted-1") {
    super({});
    this.#script = script;
    this.#model = model;
  }

  _llmType(): string {
    return "scripted";
  }

  /** Includes a client secret, as some providers do: it must never reach a cassette. */
  override _identifyingParams(): Record<string, unknown> {
    return { model: this.#model, temperature: 0, max_tokens: 512, apiKey: "sk-test-secret" };
  }

  override bindTools(tools: BindToolsInput[], kwargs?: Partial<ScriptedCallOptions>) {
    return this.withConfig({ ...kwargs, tools });
  }

  async _generate(messages: BaseMessage[], options: this["ParsedCallOptions"]): Promise<ChatResult> {
    const call = this.calls.length;
    this.calls.push({ messages, tools: options.tools ?? [], toolChoice: options.tool_choice });
    const next = typeof this.#script === "function" ? this.#script(messages, call) : this.#script[call];
    if (next === undefined) throw new Error(`ScriptedChatModel: no answer scripted for call ${call}`);
    const message = typeof next === "string" ? new AIMessage(next) : next;
    return { generations: [{ text: message.text, message }] };
  }
}

/**
 * An AIMessage from plain fields. (With exactOptionalPropertyTypes, @langchain/core 1.4 infers
 * `usage_metadata` of the default message structure as `undefined`, so the fields are cast.)
 */
export function aiMessage(
  fields: Omit<AIMessageFields, "usage_metadata"> & { usage_metadata?: UsageMetadata },
) {
  return new AIMessage(fields as AIMessageFields);
}

/** An answer with a tool call and token usage, like a provider's. */
export function toolCallAnswer(name: string, args: Record<string, unknown>, id = "call_1"): AIMessage {
  return aiMessage({
    content: "",
    id: `msg_${id}`,
    tool_calls: [{ id, name, args, type: "tool_call" }],
    usage_metadata: { input_tokens: 120, output_tokens: 30, total_tokens: 150 },
    response_metadata: { stop_reason: "tool_use", model: "scripted-1" },
  });
}

export function textAnswer(text: string, id = "msg_text"): AIMessage {
  return aiMessage({
    content: text,
    id,
    usage_metadata: { input_tokens: 80, output_tokens: 12, total_tokens: 92 },
    response_metadata: { stop_reason: "end_turn", model: "scripted-1" },
  });
}
