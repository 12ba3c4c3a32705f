import { describe, expect, it } from "vitest";
import { defineAuditor } from "../../../src/agents/auditor.js";
import { statusMonitor } from "../../../src/agents/status/monitor.js";
import type { WorkerContext } from "../../../src/agents/worker.js";
import type { Task } from "../../../src/domain/task.js";
import { unanimous } from "../../../src/graph/consensus.js";
import { defineWorkflow } from "../../../src/graph/define-workflow.js";
import { tempDb } from "../../helpers/temp.js";

/** A worker that keeps everything it was given, and reports success it never checked. */
function setupRecordingWorker() {
  const seen: { task: Task; context: string[] }[] = [];
  const worker = function claimsGreen(task: Task, context: WorkerContext) {
    seen.push({ task: structuredClone(task), context: Object.keys(context).sort() });
    return { content: "patched", status: "All tests pass." };
  };
  return { seen, worker };
}

const passing = defineAuditor("always-pass", () => ({ decision: "pass", confidence: 0.9 }));

describe("statusMonitor is hidden from the worker", () => {
  it("the worker gets the same task and context with or without the monitor, and nothing names it", async () => {
    const watched = setupRecordingWorker();
    const unwatched = setupRecordingWorker();
    const task = { id: "t1", input: { goal: "fix the parser" } };
    const withMonitor = defineWorkflow({
      name: "watched",
      worker: watched.worker,
      auditors: [statusMonitor()],
      consensus: unanimous(),
    });
    const without = defineWorkflow({
      name: "unwatched",
      worker: unwatched.worker,
      auditors: [passing],
      consensus: unanimous(),
    });

    const result = await withMonitor.run(task, { db: tempDb() });
    await without.run(task, { db: tempDb() });

    expect(watched.seen).toEqual(unwatched.seen);
    expect(watched.seen[0]?.context).toEqual(["caseId", "signal"]);
    expect(JSON.stringify(watched.seen)).not.toMatch(/status|monitor|trace/i);
    // ...and the monitor still read the report against the trace the framework recorded.
    expect(result.outcome).toBe("rejected");
    expect(result.findings.map((f) => [f.auditor, f.ruleId])).toEqual([
      ["status-monitor", "status.claimed-step-missing"],
    ]);
  });
});
