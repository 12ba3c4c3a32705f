// The code-review workflow of `crosscheck review-diff`, with a scripted model reviewer whose
// findings count only when a deterministic auditor confirms them, failing on medium or above.

import { confirmedReviewer } from "../../src/agents/code-review/confirm.js";
import { codeSecurity } from "../../src/agents/code-security/auditor.js";
import { reviewWorkflow } from "../../src/review-diff/workflow.js";
import { scriptedReviewer } from "./reviewer.js";

export default reviewWorkflow({
  failOn: "medium",
  auditors: [confirmedReviewer(scriptedReviewer, { by: [codeSecurity()] })],
});
