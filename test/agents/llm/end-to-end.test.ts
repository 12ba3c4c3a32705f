import { ChatAnthropic } from "@langchain/anthropic";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { defineAuditor, defineWorkflow, llmAuditor, llmWorker, majority } from "../../../src/index.js";
import { sha256Hex } from "../../../src/internal/sha256.js";
import { query } from "../../helpers/db.js";
import { tempDb } from "../../helpers/temp.js";
import { FakeAnthropic, type FakeReply, toolUse } from "../model/fake-anthropic.js";

const servers: FakeAnthropic[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

const RECEIPT = "SHOP\nTOTAL 42.50\nCASH 50.00";
const Extracted = z.object({ total: z.string() });

/** Worker calls carry the final_output tool; auditor calls the record_verdict tool. */
function toolsOf(body: Record<string, unknown>): string[] {
  return ((body["tools"] as Array<{ name: string }> | undefined) ?? []).map((t) => t.name);
}

async function setupWorkflow() {
  let verdicts = 0;
  const fake = await FakeAnthropic.start((body): FakeReply => {
    if (toolsOf(body).includes("final_output")) {
      return toolUse(
        "final_output",
        { total: "50.00" },
        {
          input_tokens: 50,
          output_tokens: 10,
          cache_read_input_tokens: 1000,
          cache_creation_input_tokens: 200,
        },
      );
    }
    verdicts++;
    return verdicts === 1
      ? toolUse("record_verdict", {
          decision: "pass",
          confidence: 0.8,
          findings: [],
          rationale: "a total is present",
        })
      : toolUse("record_verdict", {
          decision: "fail",
          confidence: 0.9,
          findings: [
            {
              ruleId: "receipt.total-mismatch",
              severity: "high",
              message: "50.00 is the cash given, the total is 42.50",
              field: "total",
              evidenceIds: ["receipt-1"],
            },
          ],
          rationale: "the rules auditor is right",
        });
  });
  servers.push(fake);
  const claude = (model: string) =>
    new ChatAnthropic({ model, apiKey: "test-key", anthropicApiUrl: fake.url, maxRetries: 0 });
  const workflow = defineWorkflow<{ text: string }, z.infer<typeof Extracted>>({
    name: "llm-end-to-end",
    worker: llmWorker({
      name: "extractor",
      model: claude("claude-sonnet-4-5"),
      instructions: "Extract the total.",
      output: Extracted,
    }),
    auditors: [
      llmAuditor({ name: "judge", model: claude("claude-opus-4-5"), rubric: "The total is the TOTAL line." }),
      defineAuditor<{ text: string }, z.infer<typeof Extracted>>("total-line", ({ task, output }) =>
        task.input.text.includes(`TOTAL ${output.content.total}`)
          ? { decision: "pass", confidence: 0.9 }
          : {
              decision: "fail",
              confidence: 0.9,
              findings: [{ ruleId: "receipt.total-line", severity: "high", message: "not the TOTAL line" }],
            },
      ),
    ],
    consensus: majority(),
  });
  const db = tempDb();
  const evidence = [
    { id: "receipt-1", source: "receipt.txt", text: RECEIPT, contentHash: sha256Hex(RECEIPT) },
  ];
  return { fake, db, run: () => workflow.run({ input: { text: RECEIPT }, evidence }, { db }) };
}

describe("a workflow with a model-backed worker and auditor, against the Anthropic API", () => {
  it("traces the worker's model call with cache tokens and cost, and cross-examination settles the disagreement", async () => {
    const { run, db, fake } = await setupWorkflow();
    const result = await run();

    // The LLM auditor passed, the rules auditor failed; on reconsideration the LLM auditor revised.
    expect(result.outcome).toBe("rejected");
    expect(result.verdicts.find((v) => v.auditor === "judge")).toMatchObject({ decision: "fail", round: 1 });
    expect(result.findings.map((f) => f.ruleId).sort()).toEqual([
      "receipt.total-line",
      "receipt.total-mismatch",
    ]);

    // Trace: 1250 input tokens (50 uncached + 200 cache writes + 1000 cache reads), 10 output;
    // claude-sonnet-4 prices $3 / $15 per MTok, cache writes x1.25, reads x0.1:
    // (50*3 + 200*3.75 + 1000*0.3 + 10*15) / 1e6 = 0.00135.
    const call = result.trace.find((e) => e.kind === "model_call");
    expect(call).toMatchObject({
      name: "claude-sonnet-4-5",
      tokensIn: 1250,
      tokensOut: 10,
      result: { stopReason: "tool_use", cacheReadTokens: 1000, cacheWriteTokens: 200 },
    });
    expect(call?.costUsd).toBeCloseTo(0.00135, 10);

    // The worker's system prompt went out marked for prompt caching.
    const workerRequest = fake.messageRequests.find((r) => toolsOf(r.body).includes("final_output"));
    expect(workerRequest?.body["system"]).toEqual([
      { type: "text", text: "Extract the total.", cache_control: { type: "ephemeral" } },
    ]);

    // The trace with its cost is in the audit log.
    const [row] = query<{ trace: string }>(db, "select trace from outputs where case_id = ?", result.caseId);
    const logged = JSON.parse(row?.trace ?? "[]") as Array<{ kind: string; costUsd?: number }>;
    expect(logged.find((e) => e.kind === "model_call")?.costUsd).toBeCloseTo(0.00135, 10);
    // Worker once, auditor twice (audit and reconsider).
    expect(fake.messageRequests).toHaveLength(3);
  });
});
