import type { CallbackManagerForToolRun } from "@langchain/core/callbacks/manager";
import { type ToolCall, ToolMessage } from "@langchain/core/messages";
import { StructuredTool, type StructuredToolInterface, type ToolRunnableConfig } from "@langchain/core/tools";
import type { Finding } from "../domain/finding.js";
import { isCrosscheckError } from "../errors.js";
import { McpGateway, type McpGatewayOptions } from "./gateway.js";
import type { ToolState } from "./tool-state.js";

/** LangChain tool names: letters, digits, '_' and '-', at most 64 (what the Anthropic API accepts). */
export function langchainToolName(server: string, tool: string): string {
  return `${server}__${tool}`.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 64);
}

function isToolCall(value: unknown): value is ToolCall {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "tool_call";
}

/**
 * One approved MCP tool as a LangChain tool. The model sees the pinned description and schema;
 * calls go through the gateway. Arguments are checked by the gateway before LangChain's own
 * schema check, so an invalid call is recorded as a block (not only rejected by LangChain).
 */
export class McpGatewayTool extends StructuredTool<Record<string, unknown>> {
  override name: string;
  override description: string;
  override schema: Record<string, unknown>;
  readonly #gateway: McpGateway;
  readonly #server: string;
  readonly #tool: string;

  constructor(gateway: McpGateway, state: ToolState) {
    super();
    if (state.pin === undefined) throw new Error(`McpGatewayTool: ${state.server}/${state.tool} has no pin`);
    this.#gateway = gateway;
    this.#server = state.server;
    this.#tool = state.tool;
    this.name = langchainToolName(state.server, state.tool);
    this.description = state.pin.description;
    this.schema = state.pin.inputSchema;
  }

  /**
   * Checks the arguments through the gateway first (so a refusal is recorded), then runs the
   * tool. Within an agent (a tool call) every gateway refusal or server failure comes back as an
   * error ToolMessage the model can read and recover from, not as an exception that ends the
   * worker; called directly, it throws.
   */
  // biome-ignore lint/suspicious/noExplicitAny: mirrors StructuredTool.call's overloaded signature
  override async call(arg: any, configArg?: any, tags?: string[]): Promise<any> {
    // invoke() passes the arguments and puts the tool call in the config.
    const fromConfig: unknown = configArg?.toolCall;
    const toolCall = isToolCall(arg) ? arg : isToolCall(fromConfig) ? fromConfig : undefined;
    try {
      const refused = this.#gateway.refusal(this.#server, this.#tool, toolCall ? toolCall.args : arg);
      if (refused) throw refused;
      return await super.call(arg, configArg, tags);
    } catch (error) {
      if (toolCall === undefined || !isCrosscheckError(error)) throw error;
      return new ToolMessage({
        content: `Error: ${error.message}`,
        tool_call_id: toolCall.id ?? "",
        name: this.name,
        status: "error",
      });
    }
  }

  protected override async _call(
    args: Record<string, unknown>,
    _runManager?: CallbackManagerForToolRun,
    _config?: ToolRunnableConfig,
  ): Promise<string> {
    const result = await this.#gateway.call(this.#server, this.#tool, args);
    return result.isError ? `The tool reported an error:\n${result.text}` : result.text;
  }
}

/** An open gateway and the LangChain tools of its approved tools. */
export interface McpToolkit {
  readonly gateway: McpGateway;
  /** One LangChain tool per approved tool (blocked tools are not offered to the model). */
  readonly tools: StructuredToolInterface[];
  /** Findings so far: results the injection guard flagged. */
  findings(): Finding[];
  /** Closes every MCP session. */
  close(): Promise<void>;
}

/**
 * Opens the gateway (see {@link McpGatewayOptions}) and returns LangChain tools for every
 * approved tool, ready for `llmWorker({ tools })`. Blocked tools (unpinned, changed, not
 * allowed) are recorded and left out.
 */
export async function mcpGateway(options: McpGatewayOptions = {}): Promise<McpToolkit> {
  const gateway = await McpGateway.open(options);
  const tools = gateway
    .states()
    .filter((s) => s.state === "approved")
    .map((s) => new McpGatewayTool(gateway, s));
  return {
    gateway,
    tools,
    findings: () => gateway.findings(),
    close: () => gateway.close(),
  };
}
