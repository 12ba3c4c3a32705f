import { ChatAnthropic } from "@langchain/anthropic";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { AuditInput } from "../../../src/agents/auditor.js";
import { grounding } from "../../../src/agents/grounding/auditor.js";
import { textEvidence } from "../../../src/agents/grounding/evidence.js";
import { isBatchable } from "../../../src/agents/model/batch-context.js";
import { VerdictInputSchema } from "../../../src/domain/verdict.js";
import { FakeAnthropic, type FakeScript, toolUse } from "../model/fake-anthropic.js";

const servers: FakeAnthropic[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  vi.unstubAllEnvs();
});

const PASSAGE = "Lake Orren covers 38 square kilometres and reaches a maximum depth of 96 metres.";

function input(answer: string): AuditInput {
  return {
    caseId: "case-1",
    task: { input: { question: "How deep is Lake Orren?" } },
    output: { content: answer },
    trace: [],
    evidence: textEvidence([PASSAGE]),
  };
}

const verdict = (fields: Record<string, unknown>) =>
  toolUse("record_verdict", {
    decision: "pass",
    confidence: 0.9,
    findings: [],
    rationale: "checked",
    ...fields,
  });

async function setupModelMode(script: FakeScript) {
  const fake = await FakeAnthropic.start(script);
  servers.push(fake);
  const model = new ChatAnthropic({
    model: "claude-opus-4-5",
    apiKey: "test-key",
    anthropicApiUrl: fake.url,
    maxRetries: 0,
  });
  const auditor = grounding({ model });
  const audit = async (answer: string) =>
    VerdictInputSchema.parse(await auditor.audit(input(answer), { signal: new AbortController().signal }));
  return { fake, auditor, audit };
}

describe("grounding({ model })", () => {
  it("sends the claims and the evidence to the model and passes when both judges find support", async () => {
    const { audit, fake, auditor } = await setupModelMode([verdict({})]);
    const result = await audit("Lake Orren is 96 metres deep.");
    expect(result).toMatchObject({ decision: "pass", confidence: 0.9, findings: [] });
    expect(auditor.model).toBe("anthropic:claude-opus-4-5");
    const sent = JSON.stringify(fake.messageRequests[0]?.body["messages"]);
    expect(sent).toContain("claim-1");
    expect(sent).toContain("Lake Orren is 96 metres deep.");
    expect(sent).toContain('\\"id\\": \\"input.evidence#0\\"');
  });

  it("fails firmly when the model and the deterministic checks agree a claim is unsupported", async () => {
    const { audit } = await setupModelMode([
      verdict({
        decision: "fail",
        findings: [
          {
            ruleId: "grounding.model-unsupported",
            severity: "high",
            message: "the passage gives 96 metres",
            field: "claim-1",
            evidenceIds: ["input.evidence#0"],
          },
        ],
      }),
    ]);
    const result = await audit("Lake Orren is 69 metres deep.");
    expect(result.decision).toBe("fail");
    expect(result.confidence).toBe(0.9);
    expect(result.findings.map((f) => f.ruleId)).toEqual(["grounding.number-mismatch"]);
  });

  it("turns a disagreement into an unsure fail with a finding saying who said what", async () => {
    // The model says the claim is supported; the number is not in the evidence.
    const { audit } = await setupModelMode([verdict({})]);
    const result = await audit("Lake Orren is 69 metres deep.");
    expect(result.decision).toBe("fail");
    expect(result.confidence).toBe(0.5);
    expect(result.findings.map((f) => f.ruleId)).toEqual([
      "grounding.number-mismatch",
      "grounding.model-disagrees",
    ]);
    expect(result.findings[1]?.message).toBe(
      'claim "Lake Orren is 69 metres deep.": the model judged it supported, the deterministic checks did not (grounding.number-mismatch)',
    );
  });

  it("reports a claim the model rejects and the rules accept as a disagreement too", async () => {
    const { audit } = await setupModelMode([
      verdict({
        decision: "fail",
        findings: [
          {
            ruleId: "grounding.model-unsupported",
            severity: "high",
            message: "not stated",
            field: "claim-1",
            evidenceIds: [],
          },
        ],
      }),
    ]);
    const result = await audit("Lake Orren is 96 metres deep.");
    expect(result).toMatchObject({ decision: "fail", confidence: 0.5 });
    expect(result.findings[0]?.message).toContain("the model judged it unsupported (not stated)");
  });

  it("abstains, saying so, when the model cannot answer; it never falls back to the rules alone", async () => {
    const { audit } = await setupModelMode([{ status: 500, type: "api_error", message: "boom" }]);
    const result = await audit("Lake Orren is 96 metres deep.");
    expect(result.decision).toBe("abstain");
    expect(result.findings.map((f) => f.ruleId)).toContain("llm.error");
    expect(result.rationale).toContain("the model could not judge the claims");
  });

  it("declares its model unavailable without ANTHROPIC_API_KEY, and does not call it live", async () => {
    vi.stubEnv("ANTHROPIC_API_KEY", undefined);
    const auditor = grounding({ model: "anthropic:claude-opus-4-5" });
    expect(auditor.modelUnavailable?.()).toBe(
      "anthropic:claude-opus-4-5 needs ANTHROPIC_API_KEY, which is not set",
    );
    const result = await auditor.audit(input("Lake Orren is 96 metres deep."), {
      signal: new AbortController().signal,
    });
    expect(result.decision).toBe("abstain");
    expect(JSON.stringify(result.findings)).toContain("ANTHROPIC_API_KEY is not set");
  });

  it("can be batched with an Anthropic model string, not with a model instance", async () => {
    const { auditor } = await setupModelMode([]);
    expect(isBatchable(grounding({ model: "anthropic:claude-opus-4-5" }))).toBe(true);
    expect(isBatchable(auditor)).toBe(false);
    expect(isBatchable(grounding())).toBe(false);
  });

  it("has no model in deterministic mode", () => {
    const auditor = grounding();
    expect(auditor.model).toBeUndefined();
    expect(auditor.modelUnavailable).toBeUndefined();
  });
});
