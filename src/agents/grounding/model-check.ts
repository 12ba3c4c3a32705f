// The model-backed mode: a model judges every claim (through llmAuditor), and the deterministic
// checks cross-check it claim by claim. A disagreement is a low-confidence fail, never a pass.
import type { FindingInput } from "../../domain/finding.js";
import type { VerdictInput } from "../../domain/verdict.js";
import type { AuditInput } from "../auditor.js";
import { llmAuditor } from "../llm/auditor.js";
import { isBatchable } from "../model/batch-context.js";
import { type ModelSpec, modelIdOf } from "../model/resolve-model.js";
import type { AgentQuotas } from "../quotas.js";
import type { ClaimCheck } from "./check-claim.js";
import type { GroundingCase } from "./read-case.js";
import { claimFindings } from "./verdict.js";

/** Confidence of a verdict where the model and the deterministic checks disagree (below 0.6: escalates). */
export const DISAGREEMENT_CONFIDENCE = 0.5;
/** Confidence when both agree. */
export const AGREEMENT_CONFIDENCE = 0.9;
/** The rule id the model must use for an unsupported claim. */
export const MODEL_UNSUPPORTED_RULE = "grounding.model-unsupported";

export const GROUNDING_RUBRIC = [
  "The output is an answer to the task's question, split into numbered claims (output.content.claims).",
  "Judge each claim ONLY against the evidence passages, never against what you know.",
  "A claim is supported when a passage states it, possibly in other words. Names, numbers (with",
  "their units), dates and quoted strings must match the passage; a claim that negates the passage,",
  "or that a passage does not state, is unsupported. A short answer is a claim together with the question.",
  `For every unsupported claim, report one finding with ruleId "${MODEL_UNSUPPORTED_RULE}", severity "high",`,
  'field set to the claim id (e.g. "claim-2"), a message saying what the evidence says instead, and',
  "evidenceIds citing the closest passage. Report no finding for a supported claim.",
  "Decide fail when any claim is unsupported, pass when every claim is supported.",
].join("\n");

export interface ModelCheckOptions {
  name: string;
  model: ModelSpec;
  quotas: AgentQuotas;
  maxRetries?: number;
}

export interface ModelCrossCheck {
  readonly id: string;
  /** Whether its calls can go through the Message Batches API (`crosscheck run --batch`). */
  readonly batchable: boolean;
  readonly unavailable: () => string | undefined;
  crossCheck(
    input: AuditInput,
    read: GroundingCase,
    checks: readonly ClaimCheck[],
    deterministic: VerdictInput,
    signal: AbortSignal,
  ): Promise<VerdictInput>;
}

export function modelCrossCheck(options: ModelCheckOptions): ModelCrossCheck {
  const judge = llmAuditor({
    name: `${options.name}-model`,
    model: options.model,
    rubric: GROUNDING_RUBRIC,
    quotas: options.quotas,
    ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
  });
  return {
    id: judge.model ?? modelIdOf(options.model),
    batchable: isBatchable(judge),
    unavailable: () => judge.modelUnavailable?.(),
    async crossCheck(input, read, checks, deterministic, signal) {
      const claims = checks.map((check, i) => ({ id: `claim-${i + 1}`, text: check.claim.text }));
      const shown: AuditInput = {
        caseId: input.caseId,
        task: { ...input.task, input: { question: read.question } },
        output: { content: { answer: read.answer, claims } },
        trace: [],
        evidence: read.evidence,
      };
      const judged = await judge.audit(shown, { signal });
      if (judged.decision === "abstain") {
        // The model could not judge: say so; never fall back to the deterministic verdict silently.
        return {
          decision: "abstain",
          confidence: 0,
          findings: [...(judged.findings ?? []), ...(deterministic.findings ?? [])],
          rationale: `the model could not judge the claims (${judged.rationale ?? ""}); deterministic checks: ${deterministic.rationale ?? ""}`,
        };
      }
      return combine(
        checks,
        judged,
        claims.map((c) => c.id),
      );
    },
  };
}

/** Claim by claim: agreement keeps the verdict firm, any disagreement makes it an unsure fail. */
function combine(checks: readonly ClaimCheck[], judged: VerdictInput, ids: readonly string[]): VerdictInput {
  const modelFindings = judged.findings ?? [];
  const flagged = new Map<string, FindingInput>();
  for (const finding of modelFindings) {
    const field = finding.location?.field;
    if (field !== undefined && ids.includes(field)) flagged.set(field, finding);
  }
  // A fail that names no claim still counts against every claim.
  const failsWholesale = judged.decision === "fail" && flagged.size === 0;
  const findings: FindingInput[] = [];
  let disagreements = 0;
  let unsupported = 0;
  checks.forEach((check, i) => {
    const id = ids[i] as string;
    const modelSays = flagged.get(id);
    const modelUnsupported = modelSays !== undefined || failsWholesale;
    const ruleUnsupported = check.problems.length > 0;
    findings.push(...claimFindings(check));
    if (ruleUnsupported || modelUnsupported) unsupported++;
    if (ruleUnsupported === modelUnsupported) return;
    disagreements++;
    findings.push({
      ruleId: "grounding.model-disagrees",
      severity: "medium",
      message: ruleUnsupported
        ? `claim "${check.claim.text}": the model judged it supported, the deterministic checks did not (${check.problems.map((p) => p.ruleId).join(", ")})`
        : `claim "${check.claim.text}": the model judged it unsupported (${modelSays?.message ?? judged.rationale ?? ""}), the deterministic checks found support`,
      location: { field: "answer", span: [check.claim.span[0], check.claim.span[1]] },
      evidenceIds: modelSays?.evidenceIds ?? (check.passage === undefined ? [] : [check.passage.evidenceId]),
    });
  });
  if (disagreements > 0) {
    return {
      decision: "fail",
      confidence: DISAGREEMENT_CONFIDENCE,
      findings,
      rationale: `the model and the deterministic checks disagree on ${disagreements} of ${checks.length} claim(s); a human should look`,
    };
  }
  return unsupported > 0
    ? {
        decision: "fail",
        confidence: AGREEMENT_CONFIDENCE,
        findings,
        rationale: `the model and the deterministic checks agree: ${unsupported} of ${checks.length} claim(s) unsupported`,
      }
    : {
        decision: "pass",
        confidence: AGREEMENT_CONFIDENCE,
        findings: [],
        rationale: `the model and the deterministic checks agree: all ${checks.length} claim(s) supported`,
      };
}
