import { type Finding, type Severity, severityRank } from "../../domain/finding.js";
import { type VerdictInput, VerdictInputSchema } from "../../domain/verdict.js";
import { type AuditContext, type AuditInput, type Auditor, defineAuditor } from "../auditor.js";

/** Options of {@link confirmedReviewer}. */
export interface ConfirmOptions {
  /** Deterministic auditors whose findings confirm the reviewer's. */
  readonly by: readonly Auditor[];
  /** Severity an unconfirmed finding is lowered to (never raised). Default "low". */
  readonly unconfirmedSeverity?: Severity;
  /** A deterministic finding this many lines away still confirms. Default 2. */
  readonly lineTolerance?: number;
}

const cweOf = (ruleId: string) => /cwe-(\d+)/.exec(ruleId)?.[1];

function confirms(a: Finding, b: Finding, tolerance: number): boolean {
  const sameRule =
    a.ruleId === b.ruleId || (cweOf(a.ruleId) !== undefined && cweOf(a.ruleId) === cweOf(b.ruleId));
  if (!sameRule) return false;
  if (a.location?.file !== undefined && b.location?.file !== undefined && a.location.file !== b.location.file)
    return false;
  if (a.location?.line === undefined || b.location?.line === undefined) return true;
  return Math.abs(a.location.line - b.location.line) <= tolerance;
}

async function verdictOf(
  auditor: Auditor,
  input: AuditInput,
  context: AuditContext,
): Promise<VerdictInput | undefined> {
  try {
    const parsed = VerdictInputSchema.safeParse(await auditor.audit(input, context));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Noise control for a model-backed reviewer: each of its findings is reported as confirmed only
 * when a deterministic auditor found the same weakness nearby, or it cites evidence the case
 * holds; otherwise it is kept as "unconfirmed" at a lower severity, and does not fail the verdict.
 */
export function confirmedReviewer(reviewer: Auditor, options: ConfirmOptions): Auditor {
  const lowered = options.unconfirmedSeverity ?? "low";
  const tolerance = options.lineTolerance ?? 2;
  return defineAuditor({
    name: reviewer.name,
    ...(reviewer.model === undefined ? {} : { model: reviewer.model }),
    async audit(input, context): Promise<VerdictInput> {
      const own = await verdictOf(reviewer, input, context);
      if (!own)
        return {
          decision: "abstain",
          confidence: 0,
          findings: [],
          rationale: `${reviewer.name} returned no valid verdict`,
        };
      const deterministic = (await Promise.all(options.by.map((a) => verdictOf(a, input, context)))).flatMap(
        (v) => v?.findings ?? [],
      );
      const evidenceIds = new Set((input?.evidence ?? []).map((e) => e.id));
      let confirmed = 0;
      const findings = (own.findings ?? []).map((f): Finding => {
        const cited =
          (f.evidenceIds ?? []).length > 0 && (f.evidenceIds ?? []).every((id) => evidenceIds.has(id));
        const finding = { ...f, evidenceIds: f.evidenceIds ?? [] };
        if (
          cited ||
          deterministic.some((d) => confirms(finding, { ...d, evidenceIds: d.evidenceIds ?? [] }, tolerance))
        ) {
          confirmed++;
          return { ...finding, message: `confirmed: ${f.message}` };
        }
        const severity = severityRank(f.severity) > severityRank(lowered) ? lowered : f.severity;
        return { ...finding, severity, message: `unconfirmed: ${f.message}` };
      });
      const decision = own.decision === "fail" && confirmed === 0 ? "pass" : own.decision;
      return {
        decision,
        confidence: decision === own.decision ? own.confidence : Math.min(own.confidence, 0.5),
        findings,
        rationale:
          `${confirmed} of ${findings.length} finding(s) confirmed by a deterministic auditor or cited evidence. ${own.rationale ?? ""}`.trim(),
      };
    },
  });
}
