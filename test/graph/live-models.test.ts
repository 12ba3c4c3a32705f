import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { Cassette } from "../../src/agents/model/cassette.js";
import { runWithRecordings } from "../../src/agents/model/replay-context.js";
import { agents, defineWorkflow, unanimous, type Workflow } from "../../src/index.js";
import { ScriptedChatModel } from "../agents/model/fakes.js";
import { needsClaude, rules } from "../fixtures/workflows/needs-claude.js";
import { tempDb, tempDir } from "../helpers/temp.js";

afterEach(() => {
  vi.unstubAllEnvs();
});

/** The needs-claude workflow, defined with ANTHROPIC_API_KEY set to `key` (or unset). */
function setupWorkflow(key: string | undefined): Workflow {
  vi.stubEnv("ANTHROPIC_API_KEY", key);
  return needsClaude();
}

describe("a run that needs a live model it cannot reach", () => {
  it("fails before the first case with MODEL_UNAVAILABLE naming each agent and the key, writing nothing", async () => {
    const workflow = setupWorkflow(undefined);
    const db = tempDb();
    const run = workflow.runMany([{ input: { text: "TOTAL 1.00" } }, { input: { text: "TOTAL 2.00" } }], {
      db,
    });
    await expect(run).rejects.toMatchObject({ code: "MODEL_UNAVAILABLE" });
    await expect(run).rejects.toThrow(
      "workflow needs-claude needs live models it cannot reach (worker reader: anthropic:claude-sonnet-4-5 needs ANTHROPIC_API_KEY, which is not set; auditor judge: anthropic:claude-opus-4-5 needs ANTHROPIC_API_KEY, which is not set)",
    );
    expect(fs.existsSync(db)).toBe(false);
    workflow.close();
  });

  it("names no agent when the key is set, or when the models are instances the caller made", () => {
    expect(setupWorkflow("sk-test").unavailableModels()).toEqual([]);
    vi.stubEnv("ANTHROPIC_API_KEY", undefined);
    const instances = defineWorkflow({
      name: "instances",
      version: "1",
      worker: agents.llmWorker({
        name: "reader",
        model: new ScriptedChatModel([], "m-1"),
        instructions: "Read it.",
        output: z.object({ total: z.string() }),
      }),
      auditors: [rules],
      consensus: unanimous(),
    });
    expect(instances.unavailableModels()).toEqual([]);
  });

  it("runs when its model calls replay from recordings: a missing recording then fails the case, not the start", async () => {
    const workflow = setupWorkflow(undefined);
    const db = tempDb();
    const cassette = Cassette.empty(path.join(tempDir(), "case.json"));
    const [result] = await runWithRecordings({ cassette, mode: "replay", caseName: "c" }, () =>
      workflow.runMany([{ input: { text: "TOTAL 1.00" } }], { db }),
    );
    expect(result?.outcome).toBe("rejected");
    workflow.close();
  });

  it("leaves the check to the caller that says its run replays (scenario suites)", async () => {
    const workflow = setupWorkflow(undefined);
    const db = tempDb();
    const [result] = await workflow.runMany([{ input: { text: "TOTAL 1.00" } }], { db, replay: true });
    // Without a recording context the worker's model refuses the live call: the case fails, the run completes.
    expect(result?.outcome).toBe("rejected");
    workflow.close();
  });
});
