import { setTimeout as sleep } from "node:timers/promises";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { HumanMessage } from "@langchain/core/messages";
import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import { Cassette } from "../../../src/agents/model/cassette.js";
import { withRecording } from "../../../src/agents/model/recording-model.js";
import {
  currentRecording,
  type RecordingMode,
  runWithRecordings,
} from "../../../src/agents/model/replay-context.js";
import { isCrosscheckError } from "../../../src/errors.js";
import { ScriptedChatModel, textAnswer } from "./fakes.js";
import { setupCassetteFile } from "./setup.js";

const State = Annotation.Root({
  question: Annotation<string>(),
  answer: Annotation<string>(),
});

/** A one-node graph whose node asks the model; the graph knows nothing of recordings. */
function setupGraph(model: BaseChatModel) {
  return new StateGraph(State)
    .addNode("ask", async (state) => {
      await sleep(5); // let concurrent runs interleave
      const reply = await model.invoke([new HumanMessage(state.question)]);
      return { answer: reply.text };
    })
    .addEdge(START, "ask")
    .addEdge("ask", END)
    .compile();
}

/** Echoes the question, so a crossed context would show up as the wrong answer. */
const echo = () => new ScriptedChatModel((messages) => textAnswer(`answer to: ${messages.at(-1)?.text}`));

async function runCase(
  mode: RecordingMode,
  caseName: string,
  question: string,
  inner: ScriptedChatModel,
  file: string,
) {
  const cassette = await Cassette.load(file);
  const graph = setupGraph(withRecording(inner));
  const state = await runWithRecordings({ cassette, mode, caseName }, () => graph.invoke({ question }));
  return { answer: state.answer, cassette };
}

describe("recording context", () => {
  it("is seen by a model called inside a LangGraph node, set around graph.invoke", async () => {
    const { file } = await setupCassetteFile("graph-case");
    const recorder = echo();
    const recorded = await runCase("record", "graph-case", "total?", recorder, file);
    expect(recorded.answer).toBe("answer to: total?");
    expect(recorder.calls).toHaveLength(1);

    const replayer = echo();
    const replayed = await runCase("replay", "graph-case", "total?", replayer, file);
    expect(replayed.answer).toBe("answer to: total?");
    expect(replayer.calls).toHaveLength(0);

    const missing = await runCase("replay", "graph-case", "vendor?", echo(), file).catch((e: unknown) => e);
    expect(isCrosscheckError(missing) && missing.code).toBe("RECORDING_STALE");
  });

  it("keeps concurrent cases apart: each records to and replays from its own cassette", async () => {
    const a = await setupCassetteFile("case-a");
    const b = await setupCassetteFile("case-b");
    const shared = echo();
    await Promise.all([
      runCase("record", "case-a", "question A", shared, a.file),
      runCase("record", "case-b", "question B", shared, b.file),
    ]);
    const [cassetteA, cassetteB] = await Promise.all([Cassette.load(a.file), Cassette.load(b.file)]);
    expect(cassetteA.entries().map((entry) => entry.response.content)).toEqual(["answer to: question A"]);
    expect(cassetteB.entries().map((entry) => entry.response.content)).toEqual(["answer to: question B"]);

    const replayer = echo();
    const runs = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        i % 2 === 0
          ? runCase("replay", "case-a", "question A", replayer, a.file)
          : runCase("replay", "case-b", "question B", replayer, b.file),
      ),
    );
    expect(runs.map((run) => run.answer)).toEqual(
      Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? "answer to: question A" : "answer to: question B")),
    );
    expect(replayer.calls).toHaveLength(0);
  });

  it("is absent outside runWithRecordings, and rejects an unknown mode", async () => {
    const { file } = await setupCassetteFile();
    expect(currentRecording()).toBeUndefined();
    const cassette = await Cassette.load(file);
    runWithRecordings({ cassette, caseName: "c" }, () => {
      expect(currentRecording()).toMatchObject({ mode: "replay", caseName: "c" });
    });
    expect(() =>
      runWithRecordings({ cassette, caseName: "c", mode: "rewind" as RecordingMode }, () => undefined),
    ).toThrow(/Recording mode "rewind" is unknown; use one of replay, record, passthrough/);
  });
});
