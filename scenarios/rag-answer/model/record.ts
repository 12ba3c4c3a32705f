// Re-records this suite's model calls against a LOCAL fake Anthropic server (no key, no network):
//   npx tsx scenarios/rag-answer/model/record.ts
// The fake judges each claim as scripted below; the real ChatAnthropic client talks to it through
// ANTHROPIC_BASE_URL. To record real answers, set ANTHROPIC_API_KEY and run
//   npx crosscheck scenarios scenarios/rag-answer/model/suite.ts --update-recordings
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FakeAnthropic, type FakeReply, toolUse } from "../../../test/agents/model/fake-anthropic.js";

const USAGE = {
  input_tokens: 520,
  output_tokens: 60,
  cache_creation_input_tokens: 0,
  cache_read_input_tokens: 700,
};

const unsupported = (message: string, evidenceId: string) => ({
  ruleId: "grounding.model-unsupported",
  severity: "high",
  message,
  field: "claim-1",
  evidenceIds: [evidenceId],
});

/** The scripted model: it judges by the answer it was sent (the prompt escapes "<" as \u003c). */
function answer(body: Record<string, unknown>): FakeReply {
  const request = JSON.stringify(body);
  const verdict = (decision: string, rationale: string, findings: unknown[] = []) =>
    toolUse("record_verdict", { decision, confidence: 0.9, findings, rationale }, USAGE);
  if (request.includes("69 metres")) {
    return verdict("fail", "the passage gives 96 metres", [
      unsupported("the passage gives a maximum depth of 96 metres", "corpus/lake-orren.md#0"),
    ]);
  }
  // The scripted slip: it reads 2,100 as supported.
  if (request.includes("2,100 parcels")) return verdict("pass", "the passage gives the Sorter K3's rate");
  if (request.includes("Ruth Abara founded")) {
    return verdict("fail", "Ruth Abara is the chief executive; the founders are Ana Petrov and Tomasz Lind", [
      unsupported(
        "the passage names Ana Petrov and Tomasz Lind as founders; Ruth Abara is chief executive",
        "corpus/vellum-robotics.md#0",
      ),
    ]);
  }
  return verdict("pass", "every claim is stated in the passages");
}

const fake = await FakeAnthropic.start((body) => answer(body));
try {
  // Not spawnSync: the fake server answers from this process's event loop.
  const child = spawn(
    process.execPath,
    ["bin/crosscheck.js", "scenarios", "scenarios/rag-answer/model/suite.ts", "--update-recordings"],
    {
      stdio: "inherit",
      env: {
        ...process.env,
        ANTHROPIC_API_KEY: "fake-key",
        ANTHROPIC_BASE_URL: fake.url,
        CROSSCHECK_DB: join(mkdtempSync(join(tmpdir(), "rag-answer-model-")), "record.db"),
      },
    },
  );
  const [status] = (await once(child, "exit")) as [number | null];
  console.log(`fake Anthropic server answered ${fake.messageRequests.length} requests; exit ${status}`);
  process.exitCode = status ?? 1;
} finally {
  await fake.close();
}
