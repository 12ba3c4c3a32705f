import canonicalize from "canonicalize";
import { type OfferedTool, type PinLock, type ToolPin, toolHash, toolKey } from "./pins.js";

/**
 * Where a tool stands:
 * - `approved`: on the allowlist, pinned, and the server offers exactly what was pinned;
 * - `changed`: pinned, but the description or schema changed since approval (a rug pull);
 * - `unpinned`: on the allowlist but never approved;
 * - `not-allowed`: offered but not on the server's allowlist;
 * - `missing`: on the allowlist but the server no longer offers it.
 * Only `approved` tools can be called.
 */
export type ToolStateKind = "approved" | "changed" | "unpinned" | "not-allowed" | "missing";

export interface ToolState {
  readonly server: string;
  readonly tool: string;
  readonly state: ToolStateKind;
  /** What the server offers now (absent when `missing`). */
  readonly offered?: OfferedTool;
  readonly offeredSha256?: string;
  readonly pin?: ToolPin;
}

/** Compares what one server offers with its allowlist and the lock. */
export function toolStates(
  server: string,
  offered: readonly OfferedTool[],
  allowlist: readonly string[],
  lock: PinLock,
): ToolState[] {
  const allowed = new Set(allowlist);
  const states: ToolState[] = [];
  for (const tool of offered) {
    const pin = lock.tools[toolKey(server, tool.name)];
    const offeredSha256 = toolHash(tool);
    const base = { server, tool: tool.name, offered: tool, offeredSha256, ...(pin ? { pin } : {}) };
    if (!allowed.has(tool.name)) states.push({ ...base, state: "not-allowed" });
    else if (pin === undefined) states.push({ ...base, state: "unpinned" });
    else if (pin.sha256 !== offeredSha256) states.push({ ...base, state: "changed" });
    else states.push({ ...base, state: "approved" });
  }
  const offeredNames = new Set(offered.map((t) => t.name));
  for (const name of allowlist) {
    if (offeredNames.has(name)) continue;
    const pin = lock.tools[toolKey(server, name)];
    states.push({ server, tool: name, state: "missing", ...(pin ? { pin } : {}) });
  }
  return states.sort((a, b) => a.tool.localeCompare(b.tool));
}

/** A one-line reason a tool is blocked, saying how to unblock it. */
export function blockReason(state: ToolState): string {
  const id = `${state.server}/${state.tool}`;
  switch (state.state) {
    case "approved":
      return `${id} is approved`;
    case "changed":
      return `${id} changed since it was approved (description or input schema: possible rug pull); review it and run crosscheck mcp approve --server ${state.server} --tool ${state.tool}`;
    case "unpinned":
      return `${id} was never approved; review it and run crosscheck mcp approve --server ${state.server} --tool ${state.tool}`;
    case "not-allowed":
      return `${id} is not on the allowlist; add it to servers.${state.server}.tools to use it`;
    case "missing":
      return `${id} is on the allowlist but the server no longer offers it`;
  }
}

/** Line-level differences between the pinned and the offered definition, for review. */
export function describeChange(state: ToolState): string[] {
  if (state.pin === undefined || state.offered === undefined) return [];
  const lines: string[] = [];
  if (state.pin.description !== state.offered.description) {
    lines.push(`- description: ${JSON.stringify(state.pin.description)}`);
    lines.push(`+ description: ${JSON.stringify(state.offered.description)}`);
  }
  const before = canonicalize(state.pin.inputSchema);
  const after = canonicalize(state.offered.inputSchema);
  if (before !== after) {
    lines.push(`- inputSchema: ${before}`);
    lines.push(`+ inputSchema: ${after}`);
  }
  return lines;
}
