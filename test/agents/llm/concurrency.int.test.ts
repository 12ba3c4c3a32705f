import v8 from "node:v8";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineAuditor, defineWorkflow, llmWorker, majority } from "../../../src/index.js";
import { tempDb } from "../../helpers/temp.js";
import { ScriptedChatModel, toolCallAnswer } from "../model/fakes.js";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

const AGENTS = 1_000;
const LIMIT = 50;

/** A model that counts how many of its calls are in flight at once (each waits a tick). */
function setupCountingModel() {
  const seen = { inFlight: 0, max: 0, calls: 0 };
  const model = new ScriptedChatModel(() => toolCallAnswer("final_output", { n: 1 }), "claude-sonnet-4-5");
  const generate = model._generate.bind(model);
  model._generate = async (messages, options) => {
    seen.inFlight++;
    seen.calls++;
    seen.max = Math.max(seen.max, seen.inFlight);
    try {
      await new Promise((resolve) => setImmediate(resolve));
      return await generate(messages, options);
    } finally {
      seen.inFlight--;
    }
  };
  return { model, seen };
}

describe("many model-backed workers", () => {
  it(`runs ${AGENTS} worker agents with at most ${LIMIT} at once, with bounded memory`, async () => {
    const { model, seen } = setupCountingModel();
    const workflow = defineWorkflow({
      name: "many-workers",
      worker: llmWorker({
        name: "counter",
        model,
        instructions: "count",
        output: z.object({ n: z.number() }),
      }),
      auditors: [defineAuditor("ok", () => ({ decision: "pass", confidence: 1 }))],
      consensus: majority(),
      quotas: { maxConcurrentAgents: LIMIT },
    });
    const tasks = Array.from({ length: AGENTS }, (_, i) => ({ input: { i } }));
    gc();
    const before = process.memoryUsage().heapUsed;
    const results = await workflow.runMany(tasks, { db: tempDb(), concurrency: AGENTS });
    gc();
    const grown = process.memoryUsage().heapUsed - before;

    expect(results.filter((r) => r.outcome === "accepted")).toHaveLength(AGENTS);
    expect(seen.calls).toBe(AGENTS);
    expect(seen.max).toBeLessThanOrEqual(LIMIT);
    expect(seen.max).toBeGreaterThan(1);
    // After GC the results (outputs and traces) remain, about 10 MB here; the agents do not.
    expect(grown).toBeLessThan(64 * 1024 * 1024);
  }, 120_000);
});
