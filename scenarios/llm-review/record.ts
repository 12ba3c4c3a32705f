// Re-records this suite's model calls against a LOCAL fake Anthropic server (no key, no network):
//   npx tsx scenarios/llm-review/record.ts
// The fake answers as scripted below; the real ChatAnthropic client talks to it through
// ANTHROPIC_BASE_URL. To record against the real API instead, set ANTHROPIC_API_KEY and run
//   npx crosscheck scenarios scenarios/llm-review --update-recordings
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FakeAnthropic, type FakeReply, toolUse } from "../../test/agents/model/fake-anthropic.js";
import { CASH_TAKEN, HONEST, SMUDGED } from "./samples.js";

const USAGE = {
  input_tokens: 240,
  output_tokens: 40,
  cache_creation_input_tokens: 0,
  cache_read_input_tokens: 900,
};

function lineAmount(text: string, label: string): string {
  return new RegExp(`${label} ([\\d.]+)`).exec(text)?.[1] ?? "0.00";
}

function verdict(
  decision: string,
  confidence: number,
  rationale: string,
  findings: unknown[] = [],
): FakeReply {
  return toolUse("record_verdict", { decision, confidence, findings, rationale }, USAGE);
}

function answer(body: Record<string, unknown>): FakeReply {
  const request = JSON.stringify(body);
  const tools = ((body["tools"] as Array<{ name: string }> | undefined) ?? []).map((t) => t.name);
  // Each receipt's first line (the shop's name) tells the cases apart.
  const receipt = [CASH_TAKEN, HONEST, SMUDGED].find((r) => request.includes(r.split("\n")[0] ?? "?"));
  if (receipt === undefined) throw new Error("record.ts: a request for no known receipt");
  if (tools.includes("final_output")) {
    // The worker's one mistake: on the bookshop receipt it takes the CASH line.
    const total = receipt === CASH_TAKEN ? lineAmount(receipt, "CASH") : lineAmount(receipt, "TOTAL");
    return toolUse("final_output", { total }, USAGE);
  }
  // Only a reconsider request carries the auditor's own verdict (the system prompt names
  // <other-verdicts> in every request, so that tag cannot tell the rounds apart).
  const reconsidering = request.includes("<own-verdict>");
  if (receipt === HONEST) return verdict("pass", 0.9, "the total is the TOTAL line");
  if (receipt === SMUDGED) return verdict("pass", 0.55, "probably the total, but CASH equals TOTAL here");
  if (!reconsidering) return verdict("pass", 0.8, "an amount from the receipt was given as the total");
  return verdict("fail", 0.9, "the other auditor is right: 30.00 is the cash given", [
    {
      ruleId: "receipt.total-from-cash",
      severity: "high",
      message: "the total given is the CASH line (30.00); the TOTAL line says 24.50",
      field: "total",
      evidenceIds: ["cash"],
    },
  ]);
}

const fake = await FakeAnthropic.start((body) => answer(body));
try {
  // Not spawnSync: the fake server answers from this process's event loop.
  const child = spawn(
    process.execPath,
    ["bin/crosscheck.js", "scenarios", "scenarios/llm-review", "--update-recordings"],
    {
      stdio: "inherit",
      env: {
        ...process.env,
        ANTHROPIC_API_KEY: "fake-key",
        ANTHROPIC_BASE_URL: fake.url,
        CROSSCHECK_DB: join(mkdtempSync(join(tmpdir(), "llm-review-")), "record.db"),
      },
    },
  );
  const [status] = (await once(child, "exit")) as [number | null];
  console.log(`fake Anthropic server answered ${fake.messageRequests.length} requests; exit ${status}`);
  process.exitCode = status ?? 1;
} finally {
  await fake.close();
}
