import type { Command } from "commander";
import { openDatabase } from "../audit/database.js";
import { AuditLog } from "../audit/log.js";
import { CrosscheckError } from "../errors.js";
import { type ApprovalItem, type ApprovalReport, approveTools } from "../mcp/approve.js";
import { DEFAULT_MCP_CONFIG } from "../mcp/config.js";
import { McpGateway } from "../mcp/gateway.js";
import { blockReason, describeChange, type ToolState } from "../mcp/tool-state.js";
import { cliUser } from "./audit.js";
import { EXIT, globalOptions, type Io } from "./context.js";
import type { CommandContext } from "./main.js";

interface GatewayFlags {
  config: string;
  server?: string;
}

async function withGateway<T>(flags: GatewayFlags, fn: (gateway: McpGateway) => Promise<T> | T): Promise<T> {
  const gateway = await McpGateway.open({
    config: flags.config,
    ...(flags.server === undefined ? {} : { servers: [flags.server] }),
  });
  try {
    return await fn(gateway);
  } finally {
    await gateway.close();
  }
}

function short(sha: string | undefined): string {
  return sha === undefined ? "-" : sha.slice(0, 12);
}

function stateJson(state: ToolState) {
  return {
    server: state.server,
    tool: state.tool,
    state: state.state,
    pinnedSha256: state.pin?.sha256 ?? null,
    offeredSha256: state.offeredSha256 ?? null,
    ...(state.state === "approved" ? {} : { reason: blockReason(state) }),
    ...(state.state === "changed" ? { diff: describeChange(state) } : {}),
  };
}

function printState(io: Io, state: ToolState): void {
  const id = `${state.server}/${state.tool}`;
  const hash = state.state === "approved" ? short(state.pin?.sha256) : short(state.offeredSha256);
  io.out(`${id.padEnd(32)} ${state.state.padEnd(11)} ${hash}`);
  if (state.state === "approved" || state.state === "not-allowed") return;
  io.out(`    ${blockReason(state)}`);
  for (const line of describeChange(state)) io.out(`    ${line}`);
}

function printGuard(io: Io, item: ApprovalItem): void {
  io.out(`    injection guard: ${item.guard.verdict} (score ${item.guard.score.toFixed(2)})`);
  for (const signal of item.guard.signals) {
    io.out(
      `      ${signal.ruleId} [${signal.severity}] ${signal.message}${signal.excerpt ? `: ${signal.excerpt}` : ""}`,
    );
  }
}

function printApproval(io: Io, report: ApprovalReport, dryRun: boolean): void {
  for (const item of report.approved) {
    const verb = dryRun ? "would approve" : "approved";
    const forced = item.guard.verdict === "clean" ? "" : " (forced past the injection guard)";
    io.out(
      `${verb} ${item.state.server}/${item.state.tool} (${item.state.state}) ${short(item.state.offeredSha256)}${forced}`,
    );
    if (item.state.offered !== undefined && item.state.state === "unpinned") {
      io.out(`    description: ${JSON.stringify(item.state.offered.description)}`);
    }
    for (const line of describeChange(item.state)) io.out(`    ${line}`);
    if (item.guard.verdict !== "clean") printGuard(io, item);
  }
  for (const state of report.unchanged)
    io.out(`unchanged ${state.server}/${state.tool} ${short(state.pin?.sha256)}`);
  for (const state of report.skipped) io.out(`skipped ${state.server}/${state.tool}: ${blockReason(state)}`);
}

/** `crosscheck mcp status | approve`: the MCP gateway's pinned tools. */
export function registerMcp(program: Command, { io, setExit }: CommandContext): void {
  const mcp = program.command("mcp").description("The hardened MCP gateway: tool allowlists and pins");

  mcp
    .command("status")
    .alias("list")
    .description(
      "each tool the configured servers offer and its state (exit 1 if an allowlisted tool is blocked)",
    )
    .option("--config <file>", "gateway config file", DEFAULT_MCP_CONFIG)
    .option("--server <name>", "only this server")
    .action(async (flags: GatewayFlags, command: Command) => {
      const { json } = globalOptions(command);
      const states = await withGateway(flags, (gateway) => gateway.states());
      if (json) io.out(JSON.stringify(states.map(stateJson)));
      else for (const state of states) printState(io, state);
      const blocked = states.some((s) => s.state !== "approved" && s.state !== "not-allowed");
      setExit(blocked ? EXIT.rejected : EXIT.ok);
    });

  mcp
    .command("approve")
    .description(
      "pin the new or changed allowlisted tools (after the injection guard reads their descriptions)",
    )
    .option("--config <file>", "gateway config file", DEFAULT_MCP_CONFIG)
    .option("--server <name>", "only tools of this server")
    .option("--tool <name>", "only this tool")
    .option("--force", "approve even when the injection guard flags a description")
    .option("--dry-run", "show what would be approved; write nothing")
    .action(
      async (
        flags: GatewayFlags & { tool?: string; force?: boolean; dryRun?: boolean },
        command: Command,
      ) => {
        const { db, json } = globalOptions(command);
        await withGateway(flags, (gateway) => {
          const dryRun = flags.dryRun === true;
          const preview = approveTools(gateway, { ...flags, dryRun: true });
          if (preview.refused.length > 0) {
            if (!json) for (const item of preview.refused) printRefusal(io, item);
            throw new CrosscheckError(
              "MCP_APPROVAL_REFUSED",
              `the injection guard flagged ${preview.refused.map((r) => `${r.state.server}/${r.state.tool}`).join(", ")}; nothing was approved. Read the description${preview.refused.length > 1 ? "s" : ""} above; approve anyway with --force, or leave the tool off the allowlist`,
            );
          }
          let report = preview;
          if (!dryRun && preview.approved.length > 0) {
            const database = openDatabase(db);
            try {
              report = approveTools(gateway, {
                ...flags,
                log: new AuditLog(database),
                actor: cliUser("mcp-approver"),
              });
            } finally {
              database.close();
            }
          }
          if (json) io.out(JSON.stringify(approvalJson(report)));
          else {
            printApproval(io, report, dryRun);
            if (report.written) io.out(`wrote ${gateway.config.lockFile}: commit it with the config`);
            else if (report.approved.length === 0) io.out("nothing to approve");
          }
          setExit(EXIT.ok);
        });
      },
    );
}

function printRefusal(io: Io, item: ApprovalItem): void {
  io.out(
    `refused ${item.state.server}/${item.state.tool} (${item.state.state}) ${short(item.state.offeredSha256)}`,
  );
  if (item.state.offered !== undefined && item.state.state === "unpinned") {
    io.out(`    description: ${JSON.stringify(item.state.offered.description)}`);
  }
  for (const line of describeChange(item.state)) io.out(`    ${line}`);
  printGuard(io, item);
}

function approvalJson(report: ApprovalReport) {
  const item = (i: ApprovalItem) => ({
    ...stateJson(i.state),
    guard: { verdict: i.guard.verdict, score: i.guard.score, ruleIds: i.guard.signals.map((s) => s.ruleId) },
  });
  return {
    written: report.written,
    approved: report.approved.map(item),
    refused: report.refused.map(item),
    unchanged: report.unchanged.map(stateJson),
    skipped: report.skipped.map(stateJson),
  };
}
