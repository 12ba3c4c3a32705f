import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { type AuditInput, type Auditor, defineAuditor } from "../../agents/auditor.js";
import type { Finding } from "../../domain/finding.js";
import { describeIssues } from "../../domain/parse.js";
import type { VerdictInput } from "../../domain/verdict.js";
import { CrosscheckError, isCrosscheckError } from "../../errors.js";
import type { SandboxResult } from "../exec.js";
import type { SandboxOptions } from "../options.js";
import { defaultSandboxPool, type SandboxPool } from "../pool.js";
import { compare } from "./compare.js";
import { detectCommands, type PlannedRun, planRuns, VERIFY_KINDS, type VerifyCommands } from "./plan.js";

/** Deadline of one re-run when none is given: test suites take longer than one tool call. */
export const DEFAULT_REPRODUCE_TIMEOUT_MS = 120_000;

export interface ReproduceOptions {
  /** Names the auditor. Default "reproduce". */
  name?: string;
  /**
   * Command lines per check (`{ tests: "npm test", build: "npm run build" }`), which win over
   * what the worker ran; or "detect" (the default): the worker's own command lines, else those
   * its claims name, else the workspace's package.json scripts.
   */
  commands?: VerifyCommands | "detect";
  /**
   * The worker's resulting workspace on the host. Default: `task.input.workspace` (a string).
   * It is copied to a temporary directory, so a re-run cannot change it.
   */
  workspace?: (input: AuditInput) => string | undefined;
  /** Limits and mounts of the re-runs (network off unless allowed). Default timeout 120 s. */
  sandbox?: Omit<SandboxOptions, "workspace" | "signal">;
  /** The queue re-runs go through. Default: the process-wide pool. */
  pool?: SandboxPool;
}

function taskWorkspace(input: AuditInput): string | undefined {
  const value = (input.task.input as { workspace?: unknown } | null | undefined)?.workspace;
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

function abstain(ruleId: string, message: string): VerdictInput {
  return {
    decision: "abstain",
    confidence: 0,
    findings: [{ ruleId, severity: "info", message }],
    rationale: message,
  };
}

/** A private copy of the workspace (symlinks kept as links: inside the sandbox they lead nowhere). */
function copyWorkspace(workspace: string): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), "crosscheck-reproduce-"));
  // Reflinks where the file system has them (btrfs, xfs): a large node_modules copies in no time.
  fs.cpSync(workspace, copy, {
    recursive: true,
    verbatimSymlinks: true,
    mode: fs.constants.COPYFILE_FICLONE,
  });
  return copy;
}

/**
 * An auditor that re-runs the verification commands (tests, build, type check, lint) the worker
 * ran or claims passed, in a fresh sandbox over a copy of the worker's resulting workspace, and
 * reports where the outcome differs from what the worker said: `reproduce.claim-contradicted`
 * (it claims a pass, the re-run fails) and `reproduce.outcome-differs` (the trace's exit code is
 * not the re-run's), with exit codes and output tails in the message and the trace events as
 * evidence. It passes when every re-run agrees, and abstains when there is nothing to re-run,
 * no workspace, or no sandbox.
 */
const CommandsSchema = z.union([
  z.literal("detect"),
  z.object(Object.fromEntries(VERIFY_KINDS.map((k) => [k, z.string().min(1).optional()]))).strict(),
]);

export function reproduce(options: ReproduceOptions = {}): Auditor {
  const commands = CommandsSchema.safeParse(options.commands ?? "detect");
  if (!commands.success) {
    throw new CrosscheckError(
      "WORKFLOW_INVALID",
      `reproduce({ commands }) must be "detect" or command lines by check (${VERIFY_KINDS.join(", ")}): ${describeIssues(commands.error)}`,
    );
  }
  const pool = options.pool ?? defaultSandboxPool();
  const configured = options.commands === undefined || options.commands === "detect" ? {} : options.commands;
  return defineAuditor({
    name: options.name ?? "reproduce",
    async audit(input, { signal }) {
      const workspace = (options.workspace ?? taskWorkspace)(input);
      if (workspace === undefined || !fs.existsSync(workspace)) {
        return abstain(
          "reproduce.no-workspace",
          `no workspace to re-run in (${workspace ?? "task.input.workspace is not set"}); give reproduce({ workspace }) or task.input.workspace`,
        );
      }
      const trace = Array.isArray(input.trace) ? input.trace : [];
      const { runs, unverifiable } = planRuns(input.output?.status, trace, configured, () =>
        detectCommands(workspace),
      );
      const noCommand: Finding[] = unverifiable.map((claim) => ({
        ruleId: "reproduce.no-command",
        severity: "info",
        message: `cannot re-run what backs the claim "${claim.text}": no command in the trace, the claim, the workflow's commands or package.json`,
        evidenceIds: [],
      }));
      if (runs.length === 0) {
        if (noCommand.length > 0) {
          return {
            decision: "abstain",
            confidence: 0,
            findings: noCommand,
            rationale: "claims with nothing to re-run",
          };
        }
        return abstain(
          "reproduce.nothing-to-run",
          "the worker neither ran nor claimed tests, a build, a type check or lint",
        );
      }
      const copy = copyWorkspace(workspace);
      const results: Array<{ run: PlannedRun; result: SandboxResult }> = [];
      try {
        for (const run of runs) {
          const result = await pool.exec(["/bin/sh", "-c", run.command], {
            timeoutMs: DEFAULT_REPRODUCE_TIMEOUT_MS,
            ...options.sandbox,
            workspace: copy,
            signal,
          });
          results.push({ run, result });
        }
      } catch (error) {
        if (isCrosscheckError(error) && error.code === "SANDBOX_UNAVAILABLE") {
          return abstain("reproduce.sandbox-unavailable", error.message);
        }
        throw error;
      } finally {
        fs.rmSync(copy, { recursive: true, force: true });
      }
      const findings: Finding[] = [
        ...results.flatMap(({ run, result }) => compare(run, result)),
        ...noCommand,
      ];
      return verdictOf(findings, results.length);
    },
  });
}

function verdictOf(findings: Finding[], reruns: number): VerdictInput {
  const contradicted = findings.filter((f) => f.severity === "high" || f.severity === "critical");
  if (contradicted.length > 0) {
    return {
      decision: "fail",
      confidence: 0.95,
      findings,
      rationale: `${contradicted.length} of the worker's verification outcomes did not hold when re-run in a fresh sandbox`,
    };
  }
  // A re-run stopped by a limit, or a failure in the trace that now passes (flaky?): nothing settled.
  if (findings.some((f) => f.severity === "low" || f.severity === "medium")) {
    return {
      decision: "abstain",
      confidence: 0.3,
      findings,
      rationale: "the re-runs did not settle what the worker said",
    };
  }
  return {
    decision: "pass",
    confidence: 0.9,
    findings,
    rationale: `all ${reruns} re-run(s) in a fresh sandbox agree with what the worker said and ran`,
  };
}
