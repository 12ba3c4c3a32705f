import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FakeAnthropic, toolUse } from "../agents/model/fake-anthropic.js";
import { cli, ROOT } from "../helpers/cli.js";
import { tempDb, tempDir } from "../helpers/temp.js";

const servers: FakeAnthropic[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  for (const server of servers.splice(0)) await server.close();
});

function toolsOf(body: Record<string, unknown>): string[] {
  return ((body["tools"] as Array<{ name: string }> | undefined) ?? []).map((t) => t.name);
}

/** The needs-claude workflow in a folder, two tasks, and a fake Anthropic answering its calls. */
async function setupProject() {
  const fake = await FakeAnthropic.start((body) =>
    toolsOf(body).includes("record_verdict")
      ? toolUse("record_verdict", { decision: "pass", confidence: 0.9, findings: [], rationale: "ok" })
      : toolUse("final_output", { total: "1.00" }),
  );
  fake.batchPollsToEnd = 1;
  servers.push(fake);
  vi.stubEnv("ANTHROPIC_API_KEY", "test-key");
  vi.stubEnv("ANTHROPIC_BASE_URL", fake.url);
  const dir = tempDir();
  const fixture = JSON.stringify(path.join(ROOT, "test/fixtures/workflows/needs-claude.js"));
  fs.writeFileSync(
    path.join(dir, "workflow.ts"),
    `import { needsClaude } from ${fixture};\nexport default needsClaude();\n`,
  );
  const tasks = path.join(dir, "tasks.jsonl");
  const task = `${JSON.stringify({ input: { text: "TOTAL 1.00" } })}\n`;
  fs.writeFileSync(tasks, task + task.replace("1.00", "1.00 "));
  return { fake, dir, tasks, db: tempDb() };
}

describe("crosscheck run --batch", () => {
  it("sends both cases' auditor calls as one Message Batch and exits 0", async () => {
    const { fake, dir, tasks, db } = await setupProject();
    const batchDir = path.join(dir, "batches");
    const workflow = path.join(dir, "workflow.ts");
    const result = await cli([
      "--db",
      db,
      "run",
      workflow,
      "--input",
      tasks,
      "--batch",
      "--batch-dir",
      batchDir,
    ]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const creates = fake.requests.filter((r) => r.method === "POST" && r.path === "/v1/messages/batches");
    expect(creates).toHaveLength(1);
    expect(creates[0]?.body["requests"]).toHaveLength(2);
    expect(fake.messageRequests.filter((r) => toolsOf(r.body).includes("record_verdict"))).toHaveLength(0);
  });
});
