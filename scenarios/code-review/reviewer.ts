// A stand-in for a model-backed code reviewer, scripted per case (so the suite runs offline):
// it reports the findings a case lists in `task.metadata.reviewerFindings`, and abstains otherwise.
import { defineAuditor, type FindingInput } from "../../src/index.js";

export const scriptedReviewer = defineAuditor({
  name: "model-reviewer",
  model: "scripted-reviewer",
  audit(input) {
    const scripted = (input.task.metadata?.["reviewerFindings"] ?? []) as FindingInput[];
    if (scripted.length === 0)
      return { decision: "abstain", confidence: 0, rationale: "nothing scripted for this case" };
    return { decision: "fail", confidence: 0.7, findings: scripted, rationale: "scripted reviewer findings" };
  },
});
