// Coding agents audited by re-running what they claim: a scripted agent edits a tiny Node project
// through the sandbox tools; `reproduce()` re-runs its tests and build in a fresh sandbox over a
// copy of the project, and `sandboxAuditor()` reports what the sandbox blocked.
import { anyCriticalBlocks, defineWorkflow, firstOf, unanimous } from "../../src/index.js";
import { sandboxAuditor } from "../../src/sandbox/auditor.js";
import { SandboxPool } from "../../src/sandbox/pool.js";
import { reproduce } from "../../src/sandbox/reproduce/auditor.js";
import {
  type AgentInput,
  AgentInputSchema,
  type AgentOutput,
  AgentOutputSchema,
  scriptedAgent,
} from "./agent.js";

const quotas = { agentTimeoutMs: 60_000, sandboxConcurrency: 4 };
/** Every sandboxed command of the run, the agents' and the re-runs, goes through this one queue. */
const pool = SandboxPool.fromQuotas(quotas);

export default defineWorkflow<AgentInput, AgentOutput>({
  name: "agent-sandbox",
  version: "1",
  input: AgentInputSchema,
  output: AgentOutputSchema,
  worker: scriptedAgent(pool),
  auditors: [
    // The project's own commands, whatever the agent ran: `npm test || true` cannot pass for a test run.
    reproduce({
      pool,
      commands: { tests: "npm test", build: "npm run build" },
      sandbox: { timeoutMs: 30_000 },
    }),
    sandboxAuditor(),
  ],
  // A false claim or an escape attempt (critical) rejects; otherwise the auditors must agree.
  consensus: firstOf(anyCriticalBlocks(), unanimous()),
  crossExamination: { maxRounds: 0 },
  escalation: { onEscalate: "wait", queue: "agent-sandbox" },
  quotas,
});
