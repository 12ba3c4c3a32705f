import { describe, expect, it } from "vitest";
import type { FindingInput } from "../../src/domain/finding.js";
import { FindingSchema } from "../../src/domain/finding.js";
import type { Verdict, VerdictDecision } from "../../src/domain/verdict.js";
import { CrosscheckError } from "../../src/errors.js";
import {
  anyCriticalBlocks,
  type ConsensusPolicy,
  decideWith,
  firstOf,
  isConsensusPolicy,
  latestVerdicts,
  majority,
  minConfidence,
  unanimous,
  weighted,
} from "../../src/graph/consensus.js";

function verdict(fields: {
  auditor: string;
  decision: VerdictDecision;
  confidence?: number;
  round?: number;
  findings?: FindingInput[];
}): Verdict {
  return Object.freeze({
    auditor: fields.auditor,
    decision: fields.decision,
    confidence: fields.confidence ?? 0.9,
    round: fields.round ?? 0,
    findings: (fields.findings ?? []).map((f) => FindingSchema.parse(f)),
    rationale: "",
  });
}

const pass = (auditor: string, confidence = 0.9) => verdict({ auditor, decision: "pass", confidence });
const fail = (auditor: string, confidence = 0.9) => verdict({ auditor, decision: "fail", confidence });
const abstain = (auditor: string) => verdict({ auditor, decision: "abstain", confidence: 0 });

const critical: FindingInput = {
  ruleId: "code.cwe-78",
  severity: "critical",
  message: "shell command built from user input",
};

function constructionError(build: () => unknown): CrosscheckError {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(CrosscheckError);
    expect((error as CrosscheckError).code).toBe("WORKFLOW_INVALID");
    return error as CrosscheckError;
  }
  throw new Error("expected the constructor to throw");
}

describe("majority", () => {
  it("accepts when two of three auditors pass, naming them", () => {
    expect(majority().decide([pass("a"), pass("b"), fail("c")])).toEqual({
      outcome: "accepted",
      policy: "majority",
      reasons: ["2 of 3 non-abstaining auditors passed", "passed 2 (a, b); failed 1 (c); abstained 0"],
    });
  });

  it("rejects when two of three auditors fail", () => {
    expect(majority().decide([fail("a"), pass("b"), fail("c")])).toEqual({
      outcome: "rejected",
      policy: "majority",
      reasons: ["2 of 3 non-abstaining auditors failed", "passed 1 (b); failed 2 (a, c); abstained 0"],
    });
  });

  it("escalates a tie", () => {
    expect(majority().decide([pass("a"), fail("b")])?.outcome).toBe("escalated");
  });

  it("does not count abstentions", () => {
    expect(majority().decide([pass("a"), abstain("b"), abstain("c")])).toEqual({
      outcome: "accepted",
      policy: "majority",
      reasons: ["1 of 1 non-abstaining auditors passed", "passed 1 (a); failed 0; abstained 2 (b, c)"],
    });
  });
});

describe("unanimous", () => {
  it("accepts when every auditor that voted passed", () => {
    expect(unanimous().decide([pass("a"), pass("b"), abstain("c")])?.outcome).toBe("accepted");
  });

  it("rejects when every auditor that voted failed", () => {
    expect(unanimous().decide([fail("a"), fail("b")])?.outcome).toBe("rejected");
  });

  it("escalates a split", () => {
    expect(unanimous().decide([pass("a"), pass("b"), fail("c")])).toEqual({
      outcome: "escalated",
      policy: "unanimous",
      reasons: [
        "auditors split 2 pass to 1 fail; unanimity is required",
        "passed 2 (a, b); failed 1 (c); abstained 0",
      ],
    });
  });
});

describe("weighted", () => {
  it("lets a heavier auditor outvote two lighter ones", () => {
    const policy = weighted({ senior: 3, juniorA: 1, juniorB: 1 });
    expect(policy.decide([fail("senior"), pass("juniorA"), pass("juniorB")])).toEqual({
      outcome: "rejected",
      policy: "weighted",
      reasons: [
        "fail share exceeds the threshold: pass weight 2 (40%) against fail weight 3 (60%), threshold 50%",
        "weights: senior=3 (fail), juniorA=1 (pass), juniorB=1 (pass)",
      ],
    });
  });

  it("gives auditors missing from the weights the default weight", () => {
    expect(weighted({ a: 1 }, { defaultWeight: 2 }).decide([pass("a"), fail("unlisted")])?.outcome).toBe(
      "rejected",
    );
    expect(weighted({ a: 1 }).decide([pass("a"), fail("unlisted")])?.outcome).toBe("escalated");
  });

  it("escalates when neither share exceeds a higher threshold", () => {
    const policy = weighted({ a: 3, b: 2 }, { threshold: 0.7 });
    expect(policy.decide([pass("a"), fail("b")])?.outcome).toBe("escalated");
  });

  it("escalates when both shares exceed a threshold below one half", () => {
    const policy = weighted({ a: 3, b: 2 }, { threshold: 0.3 });
    expect(policy.decide([pass("a"), fail("b")])?.reasons[0]).toBe(
      "both shares exceed the threshold: pass weight 3 (60%) against fail weight 2 (40%), threshold 30%",
    );
  });

  it("escalates when the only voters weigh nothing", () => {
    expect(weighted({ a: 0 }).decide([pass("a"), abstain("b")])?.outcome).toBe("escalated");
  });
});

describe("anyCriticalBlocks", () => {
  it("rejects even when the majority passes (in a firstOf)", () => {
    const policy = firstOf(anyCriticalBlocks(), majority());
    const flagged = verdict({ auditor: "security", decision: "fail", findings: [critical] });
    expect(policy.decide([pass("a"), pass("b"), flagged])).toEqual({
      outcome: "rejected",
      policy: "anyCriticalBlocks",
      reasons: [
        "1 finding at or above critical from 1 of 3 auditors (security) block acceptance",
        'security (verdict fail) reported code.cwe-78 [critical]: "shell command built from user input"',
      ],
    });
  });

  it("counts a critical finding whatever the verdict's decision", () => {
    const inPass = verdict({ auditor: "a", decision: "pass", findings: [critical] });
    const inAbstain = verdict({ auditor: "b", decision: "abstain", findings: [critical] });
    expect(anyCriticalBlocks().decide([inPass])?.outcome).toBe("rejected");
    expect(anyCriticalBlocks().decide([inAbstain])?.outcome).toBe("rejected");
  });

  it("defers on findings below the blocking severity", () => {
    const high = verdict({ auditor: "a", decision: "fail", findings: [{ ...critical, severity: "high" }] });
    expect(anyCriticalBlocks().decide([high])).toBeUndefined();
    expect(anyCriticalBlocks({ severity: "high" }).decide([high])?.outcome).toBe("rejected");
    expect(anyCriticalBlocks({ severity: "high" }).name).toBe("anyCriticalBlocks(high)");
  });
});

describe("minConfidence", () => {
  it("escalates a low-confidence pass", () => {
    expect(minConfidence(0.7).decide([pass("a", 0.95), pass("b", 0.4)])).toEqual({
      outcome: "escalated",
      policy: "minConfidence(0.7)",
      reasons: ["1 of 2 non-abstaining auditors are below confidence 0.7", "b (pass) has confidence 0.4"],
    });
  });

  it("defers when every voter is at or above the minimum, ignoring abstentions", () => {
    expect(minConfidence(0.7).decide([pass("a", 0.7), fail("b", 0.8), abstain("c")])).toBeUndefined();
  });
});

describe("firstOf", () => {
  it("names itself after its parts and says which parts deferred", () => {
    const policy = firstOf(anyCriticalBlocks(), minConfidence(0.7), majority());
    expect(policy.name).toBe("firstOf(anyCriticalBlocks, minConfidence(0.7), majority)");
    expect(policy.decide([pass("a"), pass("b"), fail("c")])).toEqual({
      outcome: "accepted",
      policy: "majority",
      reasons: [
        "2 of 3 non-abstaining auditors passed",
        "passed 2 (a, b); failed 1 (c); abstained 0",
        "deferred first: anyCriticalBlocks, minConfidence(0.7)",
      ],
    });
  });

  it("lets a gate stop a majority that is unsure", () => {
    const policy = firstOf(minConfidence(0.7), majority());
    expect(policy.decide([pass("a", 0.5), pass("b"), fail("c")])?.outcome).toBe("escalated");
  });

  it("defers when every part defers, and decideWith then escalates", () => {
    const gates = firstOf(anyCriticalBlocks(), minConfidence(0.5));
    expect(gates.decide([pass("a")])).toBeUndefined();
    expect(decideWith(gates, [pass("a")])).toEqual({
      outcome: "escalated",
      policy: "firstOf(anyCriticalBlocks, minConfidence(0.5))",
      reasons: ["no policy reached a decision", "passed 1 (a); failed 0; abstained 0"],
    });
  });
});

describe("silence is never a pass", () => {
  const everyPolicy: ConsensusPolicy[] = [
    unanimous(),
    majority(),
    weighted({ a: 2 }),
    anyCriticalBlocks(),
    minConfidence(0.9),
    firstOf(anyCriticalBlocks(), minConfidence(0.9), majority()),
  ];

  it("all abstaining escalates under every policy", () => {
    for (const policy of everyPolicy) {
      expect(decideWith(policy, [abstain("a"), abstain("b")]).outcome, policy.name).toBe("escalated");
    }
  });

  it("no verdicts escalates under every policy", () => {
    for (const policy of everyPolicy) {
      expect(decideWith(policy, []).outcome, policy.name).toBe("escalated");
    }
  });

  it("voting policies escalate silence themselves; gates defer", () => {
    expect(majority().decide([abstain("a"), abstain("b")])).toEqual({
      outcome: "escalated",
      policy: "majority",
      reasons: ["all 2 auditors abstained (a, b); silence is not a pass"],
    });
    expect(anyCriticalBlocks().decide([abstain("a")])).toBeUndefined();
    expect(minConfidence(0.5).decide([])).toBeUndefined();
  });
});

describe("one verdict per auditor", () => {
  it("refuses two verdicts from the same auditor", () => {
    const twice = [
      verdict({ auditor: "a", decision: "fail", round: 0 }),
      verdict({ auditor: "a", decision: "pass", round: 1 }),
    ];
    expect(() => majority().decide(twice)).toThrow(
      'consensus policy "majority" received 2 verdicts from auditor "a" (rounds 0, 1)',
    );
  });

  it("latestVerdicts keeps each auditor's last round, in first-seen order", () => {
    const a0 = verdict({ auditor: "a", decision: "fail", round: 0 });
    const b0 = verdict({ auditor: "b", decision: "pass", round: 0 });
    const a1 = verdict({ auditor: "a", decision: "pass", round: 1 });
    expect(latestVerdicts([a0, b0, a1])).toEqual([a1, b0]);
    expect(latestVerdicts([a1, a0])).toEqual([a1]);
  });
});

describe("construction errors name the argument", () => {
  it("rejects a negative weight", () => {
    expect(constructionError(() => weighted({ a: 1, b: -2 })).message).toBe(
      'weighted: weights["b"] is -2; weights["b"] must be a finite number >= 0.',
    );
  });

  it("rejects a threshold outside [0, 1)", () => {
    expect(constructionError(() => weighted({}, { threshold: 1 })).message).toContain(
      "options.threshold is 1",
    );
    expect(constructionError(() => weighted({}, { threshold: -0.1 })).message).toContain("in [0, 1)");
    expect(constructionError(() => weighted({}, { threshold: Number.NaN })).message).toContain("is NaN");
  });

  it("rejects a negative default weight", () => {
    expect(constructionError(() => weighted({}, { defaultWeight: -1 })).message).toContain(
      "options.defaultWeight is -1",
    );
  });

  it("rejects a minimum confidence outside [0, 1]", () => {
    expect(constructionError(() => minConfidence(1.5)).message).toBe(
      "minConfidence: min is 1.5; min must be a number in [0, 1].",
    );
  });

  it("rejects firstOf with no policies or with something that is not a policy", () => {
    expect(constructionError(() => firstOf()).message).toContain("policies is []");
    const notAPolicy = { name: "x" } as unknown as ConsensusPolicy;
    expect(constructionError(() => firstOf(majority(), notAPolicy)).message).toContain("policies[1]");
  });

  it("rejects an unknown severity", () => {
    const severe = { severity: "severe" } as unknown as { severity: "high" };
    expect(constructionError(() => anyCriticalBlocks(severe)).message).toBe(
      'anyCriticalBlocks: options.severity is "severe"; options.severity must be one of info, low, medium, high, critical.',
    );
  });
});

describe("policies as values", () => {
  it("isConsensusPolicy recognises a policy without zod", () => {
    expect(isConsensusPolicy(majority())).toBe(true);
    expect(isConsensusPolicy({ name: "custom", decide: () => undefined })).toBe(true);
    expect(isConsensusPolicy({ name: "", decide: () => undefined })).toBe(false);
    expect(isConsensusPolicy({ name: "x" })).toBe(false);
    expect(isConsensusPolicy(null)).toBe(false);
    expect(isConsensusPolicy("majority")).toBe(false);
  });

  it("decideWith refuses a custom policy's decision without reasons", () => {
    const sloppy: ConsensusPolicy = {
      name: "sloppy",
      decide: () => ({ outcome: "accepted", policy: "sloppy", reasons: [] }),
    };
    expect(() => decideWith(sloppy, [pass("a")])).toThrow(CrosscheckError);
  });

  it("does not touch the verdicts it is given", () => {
    const verdicts = Object.freeze([pass("a"), fail("b"), abstain("c")]);
    const policy = firstOf(anyCriticalBlocks(), minConfidence(0.5), weighted({ a: 2 }));
    expect(decideWith(policy, verdicts).outcome).toBe("accepted");
    expect(verdicts.map((v) => v.auditor)).toEqual(["a", "b", "c"]);
  });
});
