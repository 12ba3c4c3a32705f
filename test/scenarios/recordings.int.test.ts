import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cli, ROOT } from "../helpers/cli.js";
import { tempDb, tempDir } from "../helpers/temp.js";

/**
 * A suite in a temporary directory whose worker calls a chat model (a scripted fake wrapped
 * with withRecording). The system prompt comes from the environment so a test can change it.
 */
function setupRecordedSuite() {
  const dir = tempDir();
  const src = (p: string) => JSON.stringify(path.join(ROOT, p));
  fs.writeFileSync(
    path.join(dir, "suite.ts"),
    `
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import { defineAuditor, defineSuite, defineWorkflow, majority } from ${src("src/index.ts")};
import { withRecording } from ${src("src/agents/model/recording-model.ts")};
import { ScriptedChatModel } from ${src("test/agents/model/fakes.ts")};

export const inner = new ScriptedChatModel((messages) => "summary of " + String(messages.at(-1)?.content));
const model = withRecording(inner);

const workflow = defineWorkflow<string, string>({
  name: "summaries",
  worker: async function summarise(task) {
    const answer = await model.invoke([
      new SystemMessage(process.env["SUMMARY_PROMPT"] ?? "Summarise in one line."),
      new HumanMessage(task.input),
    ]);
    return { content: String(answer.content) };
  },
  auditors: [defineAuditor("mentions-input", ({ task, output }) =>
    output.content.includes(task.input) ? { decision: "pass", confidence: 0.9 } : { decision: "fail", confidence: 0.9 })],
  consensus: majority(),
});

export default defineSuite({
  name: "summaries",
  workflow,
  cases: [{ name: "Quarterly report", input: "Q3 revenue rose", expect: { decision: "accepted" } }],
});
`,
  );
  const db = tempDb();
  const suite = path.join(dir, "suite.ts");
  return {
    dir,
    cassette: path.join(dir, "recordings", "quarterly-report.json"),
    run: (...args: string[]) => cli(["--db", db, "scenarios", suite, ...args]),
    innerCalls: async () => {
      const module = (await import(suite)) as { inner: { calls: unknown[] } };
      return module.inner.calls.length;
    },
  };
}

describe("model-call recordings in scenario suites", () => {
  it("fails a case whose recording is missing, naming the case and how to record it", async () => {
    const { run, innerCalls } = setupRecordedSuite();
    const result = await run();
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /model-call recording: No recording for a model call in case "Quarterly report"/,
    );
    expect(result.stdout).toMatch(/--update-recordings/);
    expect(await innerCalls()).toBe(0);
  });

  it("records with --update-recordings, then replays offline without calling the model", async () => {
    const { run, cassette, innerCalls } = setupRecordedSuite();
    const recorded = await run("--update-recordings");
    expect(recorded.code).toBe(0);
    expect(await innerCalls()).toBe(1);
    const entries = JSON.parse(fs.readFileSync(cassette, "utf8"));
    expect(JSON.stringify(entries)).toContain("summary of Q3 revenue rose");

    const replayed = await run();
    expect(replayed.code).toBe(0);
    expect(replayed.stdout).toMatch(/1 passed, 0 failed/);
    expect(await innerCalls()).toBe(1);
  });

  it("reports a request that changed since it was recorded instead of answering it from the recording", async () => {
    const { run, innerCalls } = setupRecordedSuite();
    expect((await run("--update-recordings")).code).toBe(0);
    process.env["SUMMARY_PROMPT"] = "Summarise in one line. Be lenient.";
    try {
      const result = await run();
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/The model request CHANGED in case "Quarterly report"/);
      expect(result.stdout).toMatch(/Be lenient/);
      expect(await innerCalls()).toBe(1);
    } finally {
      delete process.env["SUMMARY_PROMPT"];
    }
  });
});
