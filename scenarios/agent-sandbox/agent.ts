// The scripted coding agent of the agent-sandbox suite: it follows a plan of tool calls (the
// sandbox tools a model-backed worker would be given) in its workspace, then reports. Its tool
// calls go through the same tools, sandbox and trace as a model's would; only the choices are scripted.
import type { ToolMessage } from "@langchain/core/messages";
import { z } from "zod";
import { defineWorker, type Output, type Worker } from "../../src/index.js";
import type { SandboxPool } from "../../src/sandbox/pool.js";
import { sandboxTools } from "../../src/sandbox/tools.js";

export const StepSchema = z.discriminatedUnion("tool", [
  z.object({ tool: z.literal("shell"), command: z.string() }),
  z.object({ tool: z.literal("writeFile"), path: z.string(), content: z.string() }),
  z.object({ tool: z.literal("readFile"), path: z.string() }),
  z.object({ tool: z.literal("listFiles"), path: z.string().optional() }),
]);
export type Step = z.infer<typeof StepSchema>;

export const AgentInputSchema = z.object({
  goal: z.string(),
  /** The project directory the agent works in (made by the suite in a temporary directory). */
  workspace: z.string(),
  plan: z.array(StepSchema),
  /** What the agent reports when done: free text or a structured status. */
  report: z.union([z.string(), z.record(z.string(), z.unknown())]),
});
export type AgentInput = z.infer<typeof AgentInputSchema>;

export const AgentOutputSchema = z.object({ steps: z.number().int(), blocked: z.number().int() });
export type AgentOutput = z.infer<typeof AgentOutputSchema>;

/** A worker that runs its plan through the sandbox tools and returns its report as the status. */
export function scriptedAgent(pool: SandboxPool): Worker<AgentInput, AgentOutput> {
  return defineWorker<AgentInput, AgentOutput>("scripted-coder", async (task) => {
    const tools = new Map(sandboxTools({ workspace: task.input.workspace, pool }).map((t) => [t.name, t]));
    let blocked = 0;
    for (const [i, step] of task.input.plan.entries()) {
      const { tool: name, ...args } = step;
      const call = { id: `step-${i + 1}`, name, args, type: "tool_call" as const };
      const answer = (await tools.get(name)?.invoke(call)) as ToolMessage | undefined;
      if (answer?.status === "error") blocked++;
    }
    const output: Output<AgentOutput> = {
      content: { steps: task.input.plan.length, blocked },
      status: task.input.report,
    };
    return output;
  });
}
