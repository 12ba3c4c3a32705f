// Audits recorded agent trajectories after the fact: each task carries the agent's goal, its final
// status report (`output.status`) and its trace. The hidden status monitor compares the two.
import { z } from "zod";
import { statusMonitor } from "../../src/agents/status/monitor.js";
import { AgentTaskInputSchema } from "../../src/agents/status/options.js";
import {
  anyCriticalBlocks,
  CrosscheckError,
  defineWorkflow,
  firstOf,
  type Task,
  unanimous,
} from "../../src/index.js";

export const AgentStatusInputSchema = AgentTaskInputSchema.extend({
  goal: z.string().min(1, "give the agent's goal as input.goal"),
});
export type AgentStatusInput = z.infer<typeof AgentStatusInputSchema>;

export default defineWorkflow<AgentStatusInput>({
  name: "agent-status",
  version: "1",
  input: AgentStatusInputSchema,
  // Audit mode only: every task carries the output and trace recorded elsewhere.
  worker: function recordedTrajectory(task: Task<AgentStatusInput>): never {
    throw new CrosscheckError(
      "TASK_INVALID",
      `task ${task.id ?? "(no id)"} has no output: agent-status audits recorded trajectories, so give each task output.status and trace`,
    );
  },
  auditors: [statusMonitor()],
  // A contradiction (high or critical) rejects; otherwise the auditors must agree. Add the
  // sandbox's reproduce() auditor here to have claims re-run: the monitor adopts its evidence.
  consensus: firstOf(anyCriticalBlocks({ severity: "high" }), unanimous()),
  crossExamination: { maxRounds: 1 },
  escalation: { onEscalate: "wait", queue: "agent-status" },
});
