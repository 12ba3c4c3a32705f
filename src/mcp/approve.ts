import { CrosscheckError } from "../errors.js";
import { type GuardResult, scanText } from "../guard/scan.js";
import type { McpGateway } from "./gateway.js";
import { type OfferedTool, type PinLock, readLock, toolKey, writeLock } from "./pins.js";
import { GatewayRecorder, type GatewayRecordOptions, guardSummary } from "./record.js";
import type { ToolState } from "./tool-state.js";

export interface ApproveOptions extends GatewayRecordOptions {
  /** Only tools of this server. */
  server?: string | undefined;
  /** Only this tool (by name). */
  tool?: string | undefined;
  /** Approve tools whose description the injection guard flags. */
  force?: boolean | undefined;
  /** Show what would be approved; write nothing. */
  dryRun?: boolean | undefined;
}

export interface ApprovalItem {
  readonly state: ToolState;
  readonly guard: GuardResult;
}

export interface ApprovalReport {
  /** Pinned by this approval (new or changed tools). */
  approved: ApprovalItem[];
  /** Flagged by the guard and not approved (without --force nothing is written then). */
  refused: ApprovalItem[];
  /** Already approved, unchanged. */
  unchanged: ToolState[];
  /** Offered but not on the allowlist, or allowlisted but not offered: nothing to approve. */
  skipped: ToolState[];
  /** The lock file was written. */
  written: boolean;
}

/** The text of a tool that reaches a model: its description and every description in its schema. */
export function toolText(tool: OfferedTool): string {
  const parts = [tool.description];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (node === null || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      if ((key === "description" || key === "title") && typeof value === "string") parts.push(value);
      else walk(value);
    }
  };
  walk(tool.inputSchema);
  return parts.join("\n");
}

/**
 * Pins the selected new or changed tools of a connected gateway: each tool's text is scanned
 * with the injection guard (context `tool-description`); if any is flagged and `force` is not
 * set, nothing is written and the report lists the refusals (the CLI turns that into an error).
 * Every approval is recorded (`mcp.approved`).
 */
export function approveTools(gateway: McpGateway, options: ApproveOptions = {}): ApprovalReport {
  const selected = gateway
    .states()
    .filter(
      (s) =>
        (options.server === undefined || s.server === options.server) &&
        (options.tool === undefined || s.tool === options.tool),
    );
  if (selected.length === 0) {
    const what = [options.server && `server ${options.server}`, options.tool && `tool ${options.tool}`]
      .filter(Boolean)
      .join(", ");
    throw new CrosscheckError(
      "USAGE",
      `no tool matches ${what || "the selection"}; run crosscheck mcp status to see what the servers offer`,
    );
  }
  const report: ApprovalReport = { approved: [], refused: [], unchanged: [], skipped: [], written: false };
  for (const state of selected) {
    if (state.state === "approved") report.unchanged.push(state);
    else if (state.state === "not-allowed" || state.state === "missing" || state.offered === undefined)
      report.skipped.push(state);
    else {
      const guard = scanText(toolText(state.offered), { context: "tool-description" });
      const item = { state, guard };
      if (guard.verdict !== "clean" && options.force !== true) report.refused.push(item);
      else report.approved.push(item);
    }
  }
  if (report.refused.length > 0 || report.approved.length === 0 || options.dryRun === true) return report;
  // Re-read: the file may have gained pins since the gateway opened (an earlier approval).
  const lock: PinLock = readLock(gateway.config.lockFile);
  for (const { state, guard } of report.approved) {
    const offered = state.offered as OfferedTool;
    lock.tools[toolKey(state.server, state.tool)] = {
      sha256: state.offeredSha256 as string,
      description: offered.description,
      inputSchema: offered.inputSchema,
      ...(guard.verdict === "clean" ? {} : { forced: true }),
    };
  }
  writeLock(gateway.config.lockFile, lock);
  report.written = true;
  const recorder = new GatewayRecorder(options);
  for (const { state, guard } of report.approved) {
    recorder.approved({
      server: state.server,
      tool: state.tool,
      sha256: state.offeredSha256 as string,
      ...(state.pin ? { previousSha256: state.pin.sha256 } : {}),
      forced: guard.verdict !== "clean",
      guard: guardSummary(guard),
    });
  }
  return report;
}
