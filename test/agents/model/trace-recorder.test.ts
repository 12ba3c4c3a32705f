import { describe, expect, it } from "vitest";
import { currentTraceRecorder, TraceRecorder } from "../../../src/agents/model/trace-recorder.js";

describe("TraceRecorder", () => {
  it("is current only inside run(), across awaits", async () => {
    const recorder = new TraceRecorder("case-1");
    expect(currentTraceRecorder()).toBeUndefined();
    await recorder.run(async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      currentTraceRecorder()?.record({ kind: "tool_call", name: "add", startedAt: 5, args: { a: 1 } });
    });
    expect(recorder.events()).toEqual([
      { id: "case-1:tool_call:1", kind: "tool_call", name: "add", startedAt: 5, args: { a: 1 } },
    ]);
  });

  it("hands out copies: what was recorded cannot be changed or removed from outside", () => {
    const recorder = new TraceRecorder("c");
    const args = { path: "/etc/passwd" };
    recorder.record({ kind: "tool_call", name: "read", startedAt: 1, args });
    args.path = "/tmp/innocent";
    const events = recorder.events();
    events.pop();
    expect(recorder.events()).toHaveLength(1);
    expect(recorder.events()[0]?.args).toEqual({ path: "/etc/passwd" });
  });

  it("keeps the first quota breach and records it as a note", () => {
    const recorder = new TraceRecorder("c");
    recorder.breach({ ruleId: "quota.tokens", message: "too many" });
    recorder.breach({ ruleId: "quota.cost", message: "too dear" });
    expect(recorder.breached).toEqual({ ruleId: "quota.tokens", message: "too many" });
    expect(recorder.events().map((e) => [e.kind, e.name])).toEqual([
      ["note", "quota.tokens"],
      ["note", "quota.cost"],
    ]);
  });
});
