import { readFile } from "node:fs/promises";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { tool } from "@langchain/core/tools";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Cassette } from "../../../src/agents/model/cassette.js";
import { RecordingChatModel, withRecording } from "../../../src/agents/model/recording-model.js";
import { type RecordingMode, runWithRecordings } from "../../../src/agents/model/replay-context.js";
import { type CrosscheckError, isCrosscheckError } from "../../../src/errors.js";
import { type Script, ScriptedChatModel, textAnswer, toolCallAnswer } from "./fakes.js";
import { auditPrompt, CASE_NAME, setupCassetteFile } from "./setup.js";

/** A case's cassette file, and a way to run a model call under it in a given mode. */
async function setupRecording() {
  const { file } = await setupCassetteFile();
  return {
    file,
    /** Runs `call` with a fresh scripted model wrapped by withRecording(), cassette loaded from disk. */
    async run<T>(mode: RecordingMode, script: Script, call: (model: BaseChatModel) => Promise<T>) {
      const inner = new ScriptedChatModel(script);
      const cassette = await Cassette.load(file);
      const result = await runWithRecordings({ cassette, mode, caseName: CASE_NAME }, () =>
        call(withRecording(inner)),
      ).catch((error: unknown) => error);
      return { result, inner, cassette };
    },
  };
}

function asCrosscheckError(value: unknown): CrosscheckError {
  if (!isCrosscheckError(value)) throw new Error(`expected a CrosscheckError, got ${String(value)}`);
  return value;
}

const lookupReceipt = tool(async () => "ok", {
  name: "lookup_receipt",
  description: "Fetch a receipt by id.",
  schema: z.object({ id: z.string() }),
});

describe("RecordingChatModel", () => {
  it("replays a recorded answer (content, tool calls, usage) without calling the model", async () => {
    const { run } = await setupRecording();
    const answer = toolCallAnswer("lookup_receipt", { id: "r-1" });
    const recorded = await run("record", [answer], (model) => model.invoke(auditPrompt()));
    expect(recorded.inner.calls).toHaveLength(1);

    const replayed = await run("replay", [], (model) => model.invoke(auditPrompt()));
    expect(replayed.inner.calls).toHaveLength(0);
    expect(replayed.result).toMatchObject({
      content: "",
      id: answer.id,
      tool_calls: [{ id: "call_1", name: "lookup_receipt", args: { id: "r-1" }, type: "tool_call" }],
      usage_metadata: { input_tokens: 120, output_tokens: 30, total_tokens: 150 },
      response_metadata: { stop_reason: "tool_use" },
    });
  });

  it("fails a call with no recording, naming the case, the file and the command that records it", async () => {
    const { run, file } = await setupRecording();
    const { result, inner } = await run("replay", [], (model) => model.invoke(auditPrompt()));
    const error = asCrosscheckError(result);
    expect(error.code).toBe("RECORDING_MISSING");
    expect(error.message).toContain(`case "${CASE_NAME}"`);
    expect(error.message).toContain(`${file} does not exist`);
    expect(error.message).toMatch(
      /npx crosscheck scenarios \S*scenarios\/receipts --filter honest-receipt --update-recordings/,
    );
    expect(inner.calls).toHaveLength(0);
  });

  it("reports a changed prompt as CHANGED with the differing field, and never answers it", async () => {
    const { run } = await setupRecording();
    await run("record", [textAnswer("pass")], (model) => model.invoke(auditPrompt()));

    const edited = auditPrompt("You audit receipts. Cite evidence ids. Be lenient.");
    const { result, inner } = await run("replay", [], (model) => model.invoke(edited));
    const error = asCrosscheckError(result);
    expect(error.code).toBe("RECORDING_STALE");
    expect(error.message).toContain("CHANGED");
    expect(error.message).toMatch(
      /messages\[0\] \(system\)\.content: "\.\.\.[^"]*Cite evidence ids\." -> "\.\.\.[^"]*Cite evidence ids\. Be lenient\."/,
    );
    expect(error.message).toContain("--update-recordings");
    expect(inner.calls).toHaveLength(0);
  });

  it("records over the entry for the same request", async () => {
    const { run, file } = await setupRecording();
    await run("record", [textAnswer("pass")], (model) => model.invoke(auditPrompt()));
    await run("record", [textAnswer("fail")], (model) => model.invoke(auditPrompt()));

    const replayed = await run("replay", [], (model) => model.invoke(auditPrompt()));
    expect((replayed.result as { content: unknown }).content).toBe("fail");
    expect(JSON.parse(await readFile(file, "utf8")).entries).toHaveLength(1);
  });

  it("keeps client secrets out of the cassette: the model is identified by type and allowlisted params", async () => {
    const { run, file } = await setupRecording();
    await run("record", [textAnswer("pass")], (model) => model.invoke(auditPrompt()));
    const text = await readFile(file, "utf8");
    expect(text).not.toContain("sk-test-secret");
    expect(JSON.parse(text).entries[0].request.model).toEqual({
      type: "scripted",
      params: { max_tokens: 512, model: "scripted-1", temperature: 0 },
    });
  });

  it("binds tools on the wrapped model and records them as part of the request", async () => {
    const { run } = await setupRecording();
    const call = (model: BaseChatModel) =>
      model.bindTools?.([lookupReceipt], { tool_choice: "any" }).invoke(auditPrompt()) ?? Promise.reject();
    const recorded = await run("record", [toolCallAnswer("lookup_receipt", { id: "r-1" })], call);
    expect(recorded.inner.calls[0]?.tools).toEqual([lookupReceipt]);
    expect(recorded.inner.calls[0]?.toolChoice).toBe("any");
    expect(recorded.cassette.entries()[0]?.request).toMatchObject({
      tools: [
        {
          name: "lookup_receipt",
          description: "Fetch a receipt by id.",
          parameters: { type: "object", properties: { id: { type: "string" } } },
        },
      ],
      tool_choice: "any",
    });

    const replayed = await run("replay", [], call);
    expect(replayed.inner.calls).toHaveLength(0);
    expect(replayed.result).toMatchObject({ tool_calls: [{ name: "lookup_receipt", args: { id: "r-1" } }] });

    const renamed = tool(async () => "ok", {
      name: "lookup_receipt",
      description: "Fetch one receipt.",
      schema: z.object({ id: z.string() }),
    });
    const changed = await run(
      "replay",
      [],
      (model) =>
        model.bindTools?.([renamed], { tool_choice: "any" }).invoke(auditPrompt()) ?? Promise.reject(),
    );
    expect(asCrosscheckError(changed.result).message).toContain("tools[0] (lookup_receipt).description");
  });

  it("round-trips withStructuredOutput", async () => {
    const { run } = await setupRecording();
    const Verdict = z.object({ decision: z.enum(["pass", "fail"]), confidence: z.number() });
    const call = (model: BaseChatModel) =>
      model.withStructuredOutput(Verdict, { name: "verdict" }).invoke(auditPrompt());
    const answer = toolCallAnswer("verdict", { decision: "fail", confidence: 0.8 });

    const recorded = await run("record", [answer], call);
    expect(recorded.result).toEqual({ decision: "fail", confidence: 0.8 });
    const replayed = await run("replay", [], call);
    expect(replayed.result).toEqual({ decision: "fail", confidence: 0.8 });
    expect(replayed.inner.calls).toHaveLength(0);
  });

  it("streams a replayed answer as one chunk", async () => {
    const { run } = await setupRecording();
    await run("record", [textAnswer("pass")], (model) => model.invoke(auditPrompt()));
    const { result } = await run("replay", [], async (model) => {
      const chunks = [];
      for await (const chunk of await model.stream(auditPrompt())) chunks.push(chunk.text);
      return chunks;
    });
    expect(result).toEqual(["pass"]);
  });

  it("calls straight through in passthrough mode and outside any recording context", async () => {
    const { run, file } = await setupRecording();
    const passthrough = await run("passthrough", [textAnswer("live")], (model) =>
      model.invoke(auditPrompt()),
    );
    expect((passthrough.result as { content: unknown }).content).toBe("live");
    expect(passthrough.cassette.size).toBe(0);
    await expect(readFile(file)).rejects.toThrow(/ENOENT/);

    const inner = new ScriptedChatModel([textAnswer("live")]);
    expect((await withRecording(inner).invoke(auditPrompt())).content).toBe("live");
    expect(inner.calls).toHaveLength(1);
  });

  it("uses a fixed recording given at construction, whatever the context", async () => {
    const { file } = await setupCassetteFile();
    const cassette = await Cassette.load(file);
    const model = new RecordingChatModel({
      model: new ScriptedChatModel([]),
      recording: { cassette, caseName: "fixed-case", suite: "scenarios/llm-review" },
    });
    const error = asCrosscheckError(await model.invoke(auditPrompt()).catch((e: unknown) => e));
    expect(error.message).toContain(
      "npx crosscheck scenarios scenarios/llm-review --filter fixed-case --update-recordings",
    );
  });

  it("says CHANGED only while an unused recording remains; an extra call is MISSING", async () => {
    const { run } = await setupRecording();
    await run("record", [textAnswer("pass")], (model) => model.invoke(auditPrompt()));
    const { result } = await run("replay", [], async (model) => {
      await model.invoke(auditPrompt());
      return model.invoke(auditPrompt(undefined, "And the date?"));
    });
    const error = asCrosscheckError(result);
    expect(error.code).toBe("RECORDING_MISSING");
    expect(error.message).toContain("has no entry for it (1 recorded, all used)");
    expect(error.message).toContain('last human "And the date?"');
  });
});
