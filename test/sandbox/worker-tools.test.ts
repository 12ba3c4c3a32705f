import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { llmWorker } from "../../src/agents/llm/worker.js";
import { anyCriticalBlocks, defineWorkflow, firstOf, majority } from "../../src/index.js";
import { sandboxAuditor } from "../../src/sandbox/auditor.js";
import { SandboxPool } from "../../src/sandbox/pool.js";
import { sandboxTools } from "../../src/sandbox/tools.js";
import { ScriptedChatModel, toolCallAnswer } from "../agents/model/fakes.js";
import { runSandboxTests, sandboxSkipNote } from "../helpers/bwrap.js";
import { query } from "../helpers/db.js";
import { tempDb, tempDir } from "../helpers/temp.js";

const Done = z.object({ summary: z.string() });

function setupWorkflow(script: ConstructorParameters<typeof ScriptedChatModel>[0]) {
  const workspace = tempDir("crosscheck-worker-ws-");
  const outside = tempDir("crosscheck-worker-out-");
  const worker = llmWorker({
    name: "coder",
    model: new ScriptedChatModel(script, "claude-sonnet-4-5"),
    instructions: "Change the workspace as asked.",
    tools: sandboxTools({ workspace, pool: new SandboxPool(2) }),
    output: Done,
  });
  const workflow = defineWorkflow({
    name: "sandbox-tools-test",
    worker,
    auditors: [sandboxAuditor()],
    consensus: firstOf(anyCriticalBlocks(), majority()),
    output: Done,
  });
  const db = tempDb();
  return { workspace, outside, db, run: () => workflow.run({ input: { goal: "edit" } }, { db }) };
}

describe("a model-backed worker with the sandbox tools", () => {
  it("gets a path escape back as a tool error, and the sandbox auditor turns it into a finding that fails the case", async () => {
    const { run, db } = setupWorkflow([
      toolCallAnswer("readFile", { path: "../../etc/passwd" }, "c1"),
      toolCallAnswer("writeFile", { path: "notes.md", content: "done\n" }, "c2"),
      toolCallAnswer("final_output", { summary: "edited notes.md" }, "c3"),
    ]);
    const result = await run();
    expect(result.outcome).toBe("rejected");
    const toolCall = result.trace.find((e) => e.kind === "tool_call" && e.name === "readFile");
    expect(toolCall?.error).toContain("uses ..");
    const note = result.trace.find((e) => e.kind === "note");
    expect(note).toMatchObject({ name: "sandbox.path-escape", args: { tool: "readFile" } });
    expect(result.findings).toEqual([
      expect.objectContaining({
        ruleId: "sandbox.path-escape",
        severity: "critical",
        auditor: "sandbox",
        evidenceIds: [note?.id],
      }),
    ]);
    // The write that stayed inside went through, and is in the trace as a file event.
    expect(result.trace.filter((e) => e.kind === "file").map((e) => e.name)).toEqual(["notes.md"]);
    // The whole trace, the note included, is in the audit log.
    const [row] = query<{ trace: string }>(db, "select trace from outputs where case_id = ?", result.caseId);
    expect(row?.trace).toContain("sandbox.path-escape");
  });

  it.skipIf(!runSandboxTests)(
    `runs shell commands in the sandbox and passes a clean run${sandboxSkipNote}`,
    async () => {
      const { run, workspace } = setupWorkflow([
        toolCallAnswer("shell", { command: "echo 'export const ok = true;' > ok.ts && cat ok.ts" }, "c1"),
        toolCallAnswer("final_output", { summary: "wrote ok.ts" }, "c2"),
      ]);
      const result = await run();
      expect(result.outcome).toBe("accepted");
      expect(fs.readFileSync(path.join(workspace, "ok.ts"), "utf8")).toBe("export const ok = true;\n");
      const command = result.trace.find((e) => e.kind === "command");
      expect(command).toMatchObject({ exitCode: 0, args: { sandboxed: true } });
      expect(result.findings).toEqual([]);
    },
  );
});
