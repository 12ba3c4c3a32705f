import { isOpenAITool } from "@langchain/core/language_models/base";
import type { BaseChatModel, BindToolsInput } from "@langchain/core/language_models/chat_models";
import { AIMessage, type BaseMessage, ToolMessage } from "@langchain/core/messages";
import { convertToOpenAITool, isLangChainTool } from "@langchain/core/utils/function_calling";
import canonicalize from "canonicalize";
import { z } from "zod";
import { CrosscheckError } from "../../errors.js";
import { sha256Hex } from "../../internal/sha256.js";

/**
 * The parameters of a model that decide what it answers. An allowlist, not "everything the
 * model reports": `_identifyingParams()` of some providers includes client config (API keys),
 * and a cassette is committed to git.
 */
export const IDENTITY_PARAMS: readonly string[] = [
  "model",
  "model_name",
  "modelName",
  "temperature",
  "max_tokens",
  "maxTokens",
  "max_completion_tokens",
  "top_p",
  "topP",
  "top_k",
  "topK",
  "stop",
  "stop_sequences",
  "stopSequences",
  "seed",
  "frequency_penalty",
  "presence_penalty",
  "reasoning",
  "reasoning_effort",
  "thinking",
];

const JsonSchema = z.json();
type Json = z.infer<typeof JsonSchema>;

export const CanonicalRequestSchema = z.object({
  model: z.object({ type: z.string(), params: z.record(z.string(), JsonSchema) }),
  messages: z.array(z.record(z.string(), JsonSchema)),
  tools: z.array(JsonSchema).optional(),
  tool_choice: JsonSchema.optional(),
  response_format: JsonSchema.optional(),
  stop: z.array(z.string()).optional(),
});

/**
 * What a model was asked, reduced to what decides its answer: the model's identity, the
 * messages (role, content, tool calls, tool_call_id), the bound tools and tool choice, and a
 * response format. Hashed (sha256 over RFC 8785 canonical JSON) to key a cassette entry.
 */
export type CanonicalRequest = z.infer<typeof CanonicalRequestSchema>;

/** The call options that change a request; everything else (signal, timeout...) does not. */
export interface RequestOptions {
  tools?: readonly BindToolsInput[] | undefined;
  tool_choice?: unknown;
  response_format?: unknown;
  stop?: readonly string[] | undefined;
}

export function canonicalRequest(
  model: BaseChatModel,
  messages: readonly BaseMessage[],
  options: RequestOptions,
): CanonicalRequest {
  const request: CanonicalRequest = {
    model: { type: model._llmType(), params: identityParams(model, options) },
    messages: messages.map(canonicalMessage),
  };
  if (options.tools !== undefined && options.tools.length > 0) {
    request.tools = options.tools.map(canonicalTool);
  }
  if (options.tool_choice !== undefined) request.tool_choice = toJson("tool_choice", options.tool_choice);
  if (options.response_format !== undefined) {
    request.response_format = toJson("response_format", options.response_format);
  }
  if (options.stop !== undefined && options.stop.length > 0) request.stop = [...options.stop];
  return request;
}

/** sha256 (hex) of the RFC 8785 canonical JSON of the request. */
export function requestKey(request: CanonicalRequest): string {
  const text = canonicalize(request);
  if (text === undefined) throw new Error("canonicalize returned nothing for a model request");
  return sha256Hex(text);
}

function identityParams(model: BaseChatModel, options: RequestOptions): Record<string, Json> {
  const reported: Record<string, unknown> = {
    ...safely(() => model._identifyingParams()),
    ...safely(() => model.invocationParams(options as never) as Record<string, unknown>),
  };
  const params: Record<string, Json> = {};
  for (const name of IDENTITY_PARAMS) {
    const value = reported[name];
    if (value !== undefined && value !== null) params[name] = toJson(`model parameter ${name}`, value);
  }
  return params;
}

function safely(read: () => Record<string, unknown> | undefined): Record<string, unknown> {
  try {
    return read() ?? {};
  } catch {
    return {};
  }
}

function canonicalMessage(message: BaseMessage, index: number): Record<string, Json> {
  const out: Record<string, Json> = {
    role: message.getType(),
    content: toJson(`messages[${index}].content`, message.content),
  };
  if (typeof message.name === "string" && message.name !== "") out["name"] = message.name;
  if (AIMessage.isInstance(message) && message.tool_calls !== undefined && message.tool_calls.length > 0) {
    out["tool_calls"] = message.tool_calls.map((call) => {
      const canonical: Record<string, Json> = {
        name: call.name,
        args: toJson(`messages[${index}].tool_calls`, call.args),
      };
      if (call.id !== undefined) canonical["id"] = call.id;
      return canonical;
    });
  }
  if (ToolMessage.isInstance(message)) {
    out["tool_call_id"] = message.tool_call_id;
    if (message.status === "error") out["status"] = "error";
  }
  return out;
}

/** A tool as the model sees it: name, description and the JSON schema of its arguments. */
function canonicalTool(tool: BindToolsInput, index: number): Json {
  if (isLangChainTool(tool)) return functionShape(convertToOpenAITool(tool).function, index);
  if (isOpenAITool(tool)) return functionShape(tool.function, index);
  const record = tool as Record<string, unknown>;
  if (typeof record["name"] === "string" && record["input_schema"] !== undefined) {
    return functionShape({ ...record, parameters: record["input_schema"] }, index);
  }
  return toJson(`tools[${index}]`, tool);
}

function functionShape(fn: { name?: unknown; description?: unknown; parameters?: unknown }, index: number) {
  const shape: Record<string, Json> = { name: toJson(`tools[${index}].name`, fn.name ?? null) };
  if (typeof fn.description === "string") shape["description"] = fn.description;
  shape["parameters"] = toJson(`tools[${index}].parameters`, fn.parameters ?? {});
  return shape;
}

/** A JSON copy (undefined dropped), or a USAGE error naming the field that is not JSON. */
export function toJson(field: string, value: unknown): Json {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw new CrosscheckError(
      "USAGE",
      `Cannot record the model request: ${field} is not JSON (${(error as Error).message}).`,
      { cause: error },
    );
  }
  return text === undefined ? null : (JSON.parse(text) as Json);
}

/** How many differences a CHANGED error lists before "... and N more". */
export const MAX_LISTED_DIFFERENCES = 5;
const MAX_SHOWN_CHARS = 70;

/**
 * The leaves where two requests differ, as readable lines:
 * `messages[0] (system).content: "You are a careful..." -> "You are a sloppy..."`.
 */
export function requestDifferences(recorded: CanonicalRequest, current: CanonicalRequest): string[] {
  const lines: string[] = [];
  walk(recorded as Json, current as Json, [], lines, { recorded, current });
  return lines;
}

function walk(
  before: Json | undefined,
  after: Json | undefined,
  path: (string | number)[],
  out: string[],
  requests: { recorded: CanonicalRequest; current: CanonicalRequest },
): void {
  if (canonicalize(before) === canonicalize(after)) return;
  const label = () => pathLabel(path, requests);
  if (before === undefined) return void out.push(`${label()}: only in this request (${show(after)})`);
  if (after === undefined) return void out.push(`${label()}: only in the recorded request (${show(before)})`);
  if (Array.isArray(before) && Array.isArray(after)) {
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      walk(before[i], after[i], [...path, i], out, requests);
    }
    return;
  }
  if (isObject(before) && isObject(after)) {
    for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
      walk(before[key], after[key], [...path, key], out, requests);
    }
    return;
  }
  if (typeof before === "string" && typeof after === "string") {
    return void out.push(`${label()}: ${showStrings(before, after)}`);
  }
  out.push(`${label()}: ${show(before)} -> ${show(after)}`);
}

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `messages[2] (human).content`, `tools[0] (lookup).parameters`: the role or tool name helps. */
function pathLabel(
  path: (string | number)[],
  requests: { recorded: CanonicalRequest; current: CanonicalRequest },
): string {
  let label = "";
  path.forEach((part, i) => {
    if (typeof part === "number") {
      label += `[${part}]`;
      const list = path[i - 1];
      if (i === 1 && (list === "messages" || list === "tools")) {
        const item = (requests.current[list]?.[part] ?? requests.recorded[list]?.[part]) as Json | undefined;
        const tag = isObject(item) ? (list === "messages" ? item["role"] : item["name"]) : undefined;
        if (typeof tag === "string") label += ` (${tag})`;
      }
    } else {
      label += label === "" ? part : `.${part}`;
    }
  });
  return label === "" ? "request" : label;
}

function show(value: Json | undefined): string {
  const text = JSON.stringify(value) ?? "undefined";
  return text.length <= MAX_SHOWN_CHARS ? text : `${text.slice(0, MAX_SHOWN_CHARS - 3)}...`;
}

/** Two strings shown around their first difference, so a long prompt's edit is visible. */
function showStrings(before: string, after: string): string {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  const from = Math.max(0, start - 20);
  const excerpt = (text: string) => {
    const body = text.slice(from, from + MAX_SHOWN_CHARS - 10);
    const prefix = from > 0 ? "..." : "";
    const suffix = from + body.length < text.length ? "..." : "";
    return `${prefix}${JSON.stringify(body).slice(1, -1)}${suffix}`;
  };
  return `"${excerpt(before)}" -> "${excerpt(after)}"`;
}
