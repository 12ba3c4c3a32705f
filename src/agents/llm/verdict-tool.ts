import { AIMessage, type BaseMessage } from "@langchain/core/messages";
import { z } from "zod";
import type { Evidence } from "../../domain/evidence.js";
import { type Finding, FindingSchema, SeveritySchema, severityRank } from "../../domain/finding.js";
import { describeIssues } from "../../domain/parse.js";
import type { VerdictInput } from "../../domain/verdict.js";

/** The tool through which a model-backed auditor must answer. */
export const VERDICT_TOOL_NAME = "record_verdict";

/** What the model fills in. The decision it states is checked in code against the rest. */
export const StructuredVerdictSchema = z.object({
  decision: z
    .enum(["pass", "fail", "abstain"])
    .describe("pass: meets the rubric; fail: violates it; abstain: cannot tell"),
  confidence: z.number().min(0).max(1).describe("how sure you are, 0 to 1"),
  findings: z
    .array(
      z.object({
        ruleId: FindingSchema.shape.ruleId.describe("dotted lowercase rule id, e.g. receipt.total-mismatch"),
        severity: SeveritySchema,
        message: z.string().min(1),
        field: z.string().optional().describe("the output field the finding is about"),
        evidenceIds: z.array(z.string()).describe("ids of the evidence passages that support this finding"),
      }),
    )
    .describe("every problem found; empty when none"),
  rationale: z.string().describe("why, in a few sentences"),
});
export type StructuredVerdict = z.infer<typeof StructuredVerdictSchema>;

/** The tool definition bound to the model (OpenAI function shape; LangChain converts it per provider). */
export const VERDICT_TOOL = {
  type: "function" as const,
  function: {
    name: VERDICT_TOOL_NAME,
    description: "Record your verdict on the output. Call it exactly once.",
    parameters: z.toJSONSchema(StructuredVerdictSchema) as Record<string, unknown>,
  },
};

/** Default: a verdict below this confidence is an abstain. */
export const DEFAULT_MIN_CONFIDENCE = 0.5;

export interface InterpretOptions {
  auditor: string;
  /** Evidence the auditor was shown; a citation of any other id is fabricated. */
  evidence: readonly Evidence[];
  minConfidence: number;
}

function abstain(ruleId: string, message: string, findings: Finding[] = []): VerdictInput {
  return {
    decision: "abstain",
    confidence: 0,
    rationale: message,
    findings: [...findings, { ruleId, severity: "medium", message, evidenceIds: [] }],
  };
}

/**
 * Turns the model's answer into a Verdict, in code: the structured tool call is parsed with zod;
 * a refusal, a truncated or empty answer, a missing or malformed tool call become `abstain`
 * with a finding. The decision comes from the structured fields, never from free text: below
 * `minConfidence` it is abstain; a pass that reports a high or critical finding is a fail. A
 * finding that cites evidence the auditor was not shown is dropped, and the verdict is
 * downgraded to abstain with an `agent.unretrieved-citation` finding against the auditor.
 */
export function interpretAnswer(answer: BaseMessage, options: InterpretOptions): VerdictInput {
  const { auditor } = options;
  const stop = answer.response_metadata["stop_reason"] ?? answer.response_metadata["finish_reason"];
  const calls = AIMessage.isInstance(answer) ? (answer.tool_calls ?? []) : [];
  const call = calls.find((c) => c.name === VERDICT_TOOL_NAME);
  if (call === undefined) {
    if (stop === "refusal") return abstain("llm.refusal", `auditor ${auditor}: the model refused to answer`);
    if (stop === "max_tokens") {
      return abstain(
        "llm.truncated",
        `auditor ${auditor}: the answer was cut off at the model's token limit`,
      );
    }
    const invalid = AIMessage.isInstance(answer) ? (answer.invalid_tool_calls ?? []) : [];
    const detail =
      invalid.length > 0
        ? `its ${VERDICT_TOOL_NAME} call was not valid JSON`
        : answer.text.trim() === ""
          ? "the answer was empty"
          : `it answered in text (${answer.text.length} characters) instead of calling ${VERDICT_TOOL_NAME}`;
    return abstain("llm.malformed-verdict", `auditor ${auditor}: no structured verdict: ${detail}`);
  }
  const parsed = StructuredVerdictSchema.safeParse(call.args);
  if (!parsed.success) {
    return abstain(
      "llm.malformed-verdict",
      `auditor ${auditor}: the structured verdict is malformed: ${describeIssues(parsed.error)}`,
    );
  }
  const structured = parsed.data;
  const shown = new Set(options.evidence.map((e) => e.id));
  const findings: Finding[] = [];
  const fabricated = new Set<string>();
  for (const f of structured.findings) {
    const unknown = f.evidenceIds.filter((id) => !shown.has(id));
    if (unknown.length > 0) {
      for (const id of unknown) fabricated.add(id);
      continue;
    }
    findings.push({
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      evidenceIds: f.evidenceIds,
      ...(f.field === undefined ? {} : { location: { field: f.field } }),
    });
  }
  if (fabricated.size > 0) {
    const ids = [...fabricated].map((id) => JSON.stringify(id)).join(", ");
    return {
      decision: "abstain",
      confidence: 0,
      rationale: `auditor ${auditor} cited evidence that was not retrieved (${ids}); its verdict (${structured.decision}) is not counted. ${structured.rationale}`,
      findings: [
        ...findings,
        {
          ruleId: "agent.unretrieved-citation",
          severity: "high",
          message: `auditor ${auditor} cited evidence ${ids}, which was not retrieved for this case`,
          evidenceIds: [],
        },
      ],
    };
  }
  const serious = findings.some((f) => severityRank(f.severity) >= severityRank("high"));
  let decision = structured.decision;
  let rationale = structured.rationale;
  if (decision !== "abstain" && structured.confidence < options.minConfidence) {
    rationale = `confidence ${structured.confidence} is below ${options.minConfidence}, so abstain (stated ${decision}). ${rationale}`;
    decision = "abstain";
  } else if (decision === "pass" && serious) {
    rationale = `stated pass but reported a high or critical finding, so fail. ${rationale}`;
    decision = "fail";
  }
  return { decision, confidence: structured.confidence, findings, rationale };
}
