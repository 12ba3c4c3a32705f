import { describe, expect, it } from "vitest";
import type { AuditInput } from "../../../src/agents/auditor.js";
import { grounding } from "../../../src/agents/grounding/auditor.js";
import { textEvidence } from "../../../src/agents/grounding/evidence.js";
import type { Evidence } from "../../../src/domain/evidence.js";
import { VerdictInputSchema } from "../../../src/domain/verdict.js";
import { sha256Hex } from "../../../src/internal/sha256.js";
import { auditorContract } from "../auditor-contract.js";

const RAILWAY =
  "The Harbour Line is a suburban railway that runs 42 kilometres from Castelmere Central to the port of Dunmoor. " +
  "It opened on 14 March 1962, after eleven years of construction. " +
  "The line was electrified in 1988 and carries about 1.5 million passengers a year.";
const VIADUCT =
  "Its longest bridge, the Saltgate Viaduct, is 610 metres long and was designed by the engineer Miriam Okafor. " +
  "The line has never had a fatal accident.";
const FESTIVAL = 'The festival\'s motto is "From blossom to barrel".';

function setupAudit(options: Parameters<typeof grounding>[0] = {}) {
  const auditor = grounding(options);
  return async (
    answer: unknown,
    question = "",
    evidence: Evidence[] = textEvidence([RAILWAY, VIADUCT, FESTIVAL]),
  ) => {
    const input: AuditInput = {
      caseId: "case-1",
      task: { input: { question } },
      output: { content: answer },
      trace: [],
      evidence,
    };
    return VerdictInputSchema.parse(await auditor.audit(input, { signal: new AbortController().signal }));
  };
}

describe("grounding", () => {
  it("passes an answer that paraphrases the evidence, with numbers written another way", async () => {
    const audit = setupAudit();
    const verdict = await audit(
      "The Harbour Line opened in 1962; the line carries roughly 1,500,000 passengers every year.",
    );
    expect(verdict.decision).toBe("pass");
    expect(verdict.findings).toEqual([]);
  });

  it("passes an answer given as { answer }", async () => {
    const verdict = await setupAudit()({ answer: "Miriam Okafor designed the Saltgate Viaduct." });
    expect(verdict.decision).toBe("pass");
  });

  it("flags a number the evidence contradicts, citing the closest passage and its figure", async () => {
    const verdict = await setupAudit()("The Saltgate Viaduct is 710 metres long.");
    expect(verdict.decision).toBe("fail");
    expect(verdict.findings).toEqual([
      {
        ruleId: "grounding.number-mismatch",
        severity: "high",
        message:
          'claim "The Saltgate Viaduct is 710 metres long." says 710 metres, which the evidence does not (it gives 610 metres); ' +
          'closest passage [input.evidence#1]: "Its longest bridge, the Saltgate Viaduct, is 610 metres long and was designed by the engineer Miriam Okafor."',
        location: { field: "answer", span: [0, 40] },
        evidenceIds: ["input.evidence#1"],
      },
    ]);
  });

  it("flags the same number in another unit (km given as miles)", async () => {
    const verdict = await setupAudit()("The Harbour Line runs 42 miles from Castelmere Central to Dunmoor.");
    expect(verdict.findings.map((f) => f.ruleId)).toEqual(["grounding.unit-mismatch"]);
    expect(verdict.findings[0]?.message).toContain("says 42 miles, but the evidence gives 42 kilometres");
  });

  it("accepts a correct conversion between units", async () => {
    const verdict = await setupAudit()("The Harbour Line runs about 26 miles.");
    expect(verdict.decision).toBe("pass");
  });

  it("flags a wrong date as a date mismatch", async () => {
    const verdict = await setupAudit()("The Harbour Line opened on 14 March 1963.");
    expect(verdict.findings.map((f) => f.ruleId)).toEqual(["grounding.date-mismatch"]);
  });

  it("flags a name the evidence does not mention, and says which names the closest passage has", async () => {
    const verdict = await setupAudit()("The Saltgate Viaduct was designed by the engineer Thomas Brunel.");
    expect(verdict.findings.map((f) => f.ruleId)).toEqual(["grounding.entity-mismatch"]);
    expect(verdict.findings[0]?.message).toContain(
      'names "Thomas Brunel", which the evidence does not mention',
    );
    expect(verdict.findings[0]?.message).toContain('"Miriam Okafor"');
    expect(verdict.findings[0]?.evidenceIds).toEqual(["input.evidence#1"]);
  });

  it("flags a negation the evidence does not make, and one it makes that the answer drops", async () => {
    const audit = setupAudit();
    const flipped = await audit("The Harbour Line was not electrified in 1988.");
    expect(flipped.findings.map((f) => f.ruleId)).toEqual(["grounding.negation-mismatch"]);
    const dropped = await audit("The Harbour Line has had a fatal accident.");
    expect(dropped.findings.map((f) => f.ruleId)).toEqual(["grounding.negation-mismatch"]);
  });

  it("requires a quoted string to appear in the evidence (case and punctuation aside)", async () => {
    const audit = setupAudit();
    expect((await audit('The motto is "from blossom to barrel!"')).decision).toBe("pass");
    const verdict = await audit('The motto is "From bud to bottle".');
    expect(verdict.findings.map((f) => f.ruleId)).toEqual(["grounding.quote-not-found"]);
  });

  it("checks each claim of a partly supported answer on its own", async () => {
    const verdict = await setupAudit()(
      "The Harbour Line opened in 1962. It was electrified in 1995. Its longest bridge was designed by Miriam Okafor.",
    );
    expect(verdict.decision).toBe("fail");
    expect(verdict.findings).toHaveLength(1);
    expect(verdict.findings[0]).toMatchObject({
      ruleId: "grounding.date-mismatch",
      location: { span: [33, 60] },
    });
  });

  it("reads a short answer with its question, and checks every word of it", async () => {
    const audit = setupAudit();
    expect((await audit("1962", "When did the Harbour Line open?")).decision).toBe("pass");
    expect((await audit("Miriam Okafor", "Who designed the Saltgate Viaduct?")).decision).toBe("pass");
    const wrong = await audit("Castelmere Transit", "Who designed the Saltgate Viaduct?");
    expect(wrong.findings.map((f) => f.ruleId)).toEqual(["grounding.entity-mismatch"]);
    const invented = await audit("during the steam age", "When was the viaduct designed?");
    expect(invented.findings.map((f) => f.ruleId)).toEqual(["grounding.unsupported-claim"]);
    expect(invented.findings[0]?.message).toContain("missing: steam, age");
  });

  it("flags a name whose words the evidence has, but not together", async () => {
    const verdict = await setupAudit()("Dunmoor Central", "Where does the Harbour Line start?");
    expect(verdict.findings.map((f) => f.ruleId)).toEqual(["grounding.entity-mismatch"]);
  });

  it("uses task.input.evidence strings when the case has no evidence objects", async () => {
    const auditor = grounding();
    const verdict = await auditor.audit(
      {
        caseId: "c",
        task: { input: { question: "How long is the line?", evidence: [RAILWAY] } },
        output: { content: "It runs 42 km." },
        trace: [],
        evidence: [],
      },
      { signal: new AbortController().signal },
    );
    expect(verdict.decision).toBe("pass");
  });

  it("abstains, with a finding, when there is no evidence or no answer", async () => {
    const audit = setupAudit();
    const bare = await audit("The line opened in 1962.", "", []);
    expect(bare).toMatchObject({ decision: "abstain", findings: [{ ruleId: "grounding.no-evidence" }] });
    const numeric = await audit(42);
    expect(numeric).toMatchObject({ decision: "abstain", findings: [{ ruleId: "grounding.no-answer" }] });
  });

  it("flags a sentence answer that only restates the question", async () => {
    const verdict = await setupAudit()(
      "The Harbour Line carries passengers.",
      "How many passengers does the Harbour Line carry?",
    );
    expect(verdict.findings.map((f) => f.ruleId)).toEqual(["grounding.restates-question"]);
  });

  it("turns passages into evidence with ids and content hashes", () => {
    expect(textEvidence(["a passage"])).toEqual([
      {
        id: "input.evidence#0",
        source: "input.evidence",
        text: "a passage",
        contentHash: sha256Hex("a passage"),
      },
    ]);
  });

  it("rejects options out of range at definition", () => {
    expect(() => grounding({ minCoverage: 2 })).toThrow("minCoverage must be a number from 0 to 1, got 2");
    expect(() => grounding({ maxRetries: 1 })).toThrow("apply to the model-backed mode only");
  });
});

auditorContract("grounding", () => grounding());
