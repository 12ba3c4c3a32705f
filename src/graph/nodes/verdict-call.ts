import { type AgentResult, callAgent } from "../../agents/limits.js";
import { TraceRecorder } from "../../agents/model/trace-recorder.js";
import { describeIssues } from "../../domain/parse.js";
import { type UsageSummary, usageSummary } from "../../domain/trace.js";
import { type Verdict, type VerdictInput, VerdictInputSchema } from "../../domain/verdict.js";

/**
 * Calls an auditor (audit or reconsider) under its deadline and turns whatever happens into a
 * valid Verdict: an exception, a timeout or a malformed verdict becomes `abstain` with a finding
 * saying why, never a crashed case.
 */
export async function callForVerdict(
  auditor: string,
  round: number,
  timeoutMs: number,
  call: (signal: AbortSignal) => Promise<VerdictInput> | VerdictInput,
): Promise<{ verdict: Verdict; durationMs: number; usage: UsageSummary }> {
  // The framework records the auditor's model calls (model-backed auditors report into it).
  const recorder = new TraceRecorder(`${auditor}@${round}`);
  const result: AgentResult<VerdictInput> = await recorder.run(() => callAgent(call, timeoutMs));
  const usage = usageSummary(recorder.events());
  const { verdict, durationMs } = toVerdict(auditor, round, result);
  return { verdict, durationMs, usage };
}

function toVerdict(
  auditor: string,
  round: number,
  result: AgentResult<VerdictInput>,
): { verdict: Verdict; durationMs: number } {
  if (!result.ok) {
    const timedOut = result.reason === "timeout";
    return {
      durationMs: result.durationMs,
      verdict: abstain(
        auditor,
        round,
        timedOut ? "agent.timeout" : "agent.error",
        `auditor ${auditor} ${result.message}`,
      ),
    };
  }
  const parsed = VerdictInputSchema.safeParse(result.value);
  if (!parsed.success) {
    return {
      durationMs: result.durationMs,
      verdict: abstain(
        auditor,
        round,
        "agent.invalid-verdict",
        `auditor ${auditor} returned an invalid verdict: ${describeIssues(parsed.error)}`,
      ),
    };
  }
  return { durationMs: result.durationMs, verdict: { ...parsed.data, auditor, round } };
}

function abstain(auditor: string, round: number, ruleId: string, message: string): Verdict {
  return {
    auditor,
    round,
    decision: "abstain",
    confidence: 0,
    rationale: message,
    findings: [{ ruleId, severity: "medium", message, evidenceIds: [] }],
  };
}
