import fs from "node:fs";
import path from "node:path";
import {
  claimsOf,
  extractClaims,
  type StatusClaim,
  type StatusClaimKind,
} from "../../agents/status/claims.js";
import { type CheckKind, checkKinds } from "../../agents/status/command-kinds.js";
import type { StatusReport } from "../../domain/output.js";
import type { TraceEvent } from "../../domain/trace.js";

/** The checks `reproduce()` re-runs. */
export const VERIFY_KINDS = ["build", "typecheck", "lint", "tests"] as const;
export type VerifyKind = (typeof VERIFY_KINDS)[number];

/** Command lines per check, configured by the workflow (they win over what the worker ran). */
export type VerifyCommands = Partial<Record<VerifyKind, string>>;

const CLAIM_OF: Record<VerifyKind, StatusClaimKind> = {
  build: "build-succeeded",
  typecheck: "typecheck-passed",
  lint: "lint-passed",
  tests: "tests-passed",
};

/** The npm script that usually runs each check, for `detect`. */
const NPM_SCRIPTS: Record<VerifyKind, string[]> = {
  build: ["build"],
  typecheck: ["typecheck", "type-check", "tsc"],
  lint: ["lint"],
  tests: ["test"],
};

/** A verification command the worker ran: its trace event, command line and exit code there. */
export interface TracedCommand {
  readonly eventId: string;
  readonly command: string;
  readonly exitCode: number | undefined;
}

/** One command to re-run and why: the claims it tests and the trace events it repeats. */
export interface PlannedRun {
  readonly kind: VerifyKind;
  readonly command: string;
  readonly claims: readonly StatusClaim[];
  readonly traced: readonly TracedCommand[];
  /** Where the command line came from. */
  readonly source: "configured" | "trace" | "claim" | "detected";
}

function commandOf(event: TraceEvent): string | undefined {
  const args = event.args as { command?: unknown } | undefined;
  if (event.kind === "command") return typeof args?.command === "string" ? args.command : event.name;
  // A shell tool call that has no `command` event beside it (tools other than ours).
  if (event.kind === "tool_call" && typeof args?.command === "string") return args.command;
  return undefined;
}

function exitCodeOf(event: TraceEvent): number | undefined {
  if (event.exitCode !== undefined) return event.exitCode;
  const result = event.result as { exitCode?: unknown } | undefined;
  return typeof result?.exitCode === "number" ? result.exitCode : undefined;
}

/** Verification commands in the trace, per kind, in the order they ran (one per command line: the last). */
export function tracedCommands(trace: readonly TraceEvent[]): Map<VerifyKind, TracedCommand[]> {
  const byKind = new Map<VerifyKind, TracedCommand[]>();
  const commandEvents = new Set(trace.filter((e) => e.kind === "command").map((e) => commandOf(e)));
  for (const event of trace) {
    const command = commandOf(event);
    if (command === undefined) continue;
    // Our shell tool records both a tool_call and a command event: count the command once.
    if (event.kind === "tool_call" && commandEvents.has(command)) continue;
    for (const kind of checkKinds(command) as CheckKind[]) {
      if (!(VERIFY_KINDS as readonly string[]).includes(kind)) continue;
      const list = byKind.get(kind as VerifyKind) ?? [];
      const traced = { eventId: event.id, command, exitCode: exitCodeOf(event) };
      byKind.set(kind as VerifyKind, [...list.filter((t) => t.command !== command), traced]);
    }
  }
  return byKind;
}

/** `npm test`, `npm run build`...: the workspace's package.json scripts for each check. */
export function detectCommands(workspace: string): VerifyCommands {
  let scripts: Record<string, unknown> = {};
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(workspace, "package.json"), "utf8")) as {
      scripts?: unknown;
    };
    if (typeof pkg.scripts === "object" && pkg.scripts !== null)
      scripts = pkg.scripts as Record<string, unknown>;
  } catch {
    return {};
  }
  const found: VerifyCommands = {};
  for (const kind of VERIFY_KINDS) {
    const script = NPM_SCRIPTS[kind].find((name) => typeof scripts[name] === "string");
    if (script !== undefined) found[kind] = script === "test" ? "npm test" : `npm run ${script}`;
  }
  return found;
}

/**
 * What to re-run: for every check the worker ran (trace) or claims passed (status report),
 * the configured command, else the command lines the worker ran, else the command its claim
 * names, else the detected one. Checks neither run nor claimed are left alone.
 */
export function planRuns(
  status: StatusReport | undefined,
  trace: readonly TraceEvent[],
  configured: VerifyCommands,
  detected: () => VerifyCommands,
): { runs: PlannedRun[]; unverifiable: StatusClaim[] } {
  const claims = extractClaims(status);
  const traced = tracedCommands(trace);
  const runs: PlannedRun[] = [];
  const unverifiable: StatusClaim[] = [];
  for (const kind of VERIFY_KINDS) {
    const kindClaims = claimsOf(claims, CLAIM_OF[kind]);
    const kindTraced = traced.get(kind) ?? [];
    if (kindClaims.length === 0 && kindTraced.length === 0) continue;
    const fixed = configured[kind];
    if (fixed !== undefined) {
      runs.push({ kind, command: fixed, claims: kindClaims, traced: kindTraced, source: "configured" });
    } else if (kindTraced.length > 0) {
      for (const t of kindTraced) {
        runs.push({ kind, command: t.command, claims: kindClaims, traced: [t], source: "trace" });
      }
    } else {
      const named = kindClaims.flatMap((c) =>
        (c.commands ?? []).filter((cmd) => checkKinds(cmd).includes(kind)),
      );
      const command = named[0] ?? detected()[kind];
      if (command !== undefined) {
        runs.push({ kind, command, claims: kindClaims, traced: [], source: named[0] ? "claim" : "detected" });
      } else {
        unverifiable.push(...kindClaims);
      }
    }
  }
  return { runs, unverifiable };
}
