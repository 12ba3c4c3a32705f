import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { cli, ROOT } from "../helpers/cli.js";
import { tempDb, tempDir } from "../helpers/temp.js";

afterEach(() => {
  vi.unstubAllEnvs();
});

/** A folder with a workflow whose worker is an Anthropic model named by string, and a one-case suite of it. */
function setupProject() {
  vi.stubEnv("ANTHROPIC_API_KEY", undefined);
  const dir = tempDir();
  const src = JSON.stringify(path.join(ROOT, "src/index.js"));
  const fixture = JSON.stringify(path.join(ROOT, "test/fixtures/workflows/needs-claude.js"));
  fs.writeFileSync(
    path.join(dir, "workflow.ts"),
    `import { needsClaude } from ${fixture};\nexport default needsClaude();\n`,
  );
  fs.writeFileSync(
    path.join(dir, "suite.ts"),
    `import { defineSuite } from ${src};
import workflow from "./workflow.ts";
export default defineSuite({
  name: "needs-claude",
  workflow,
  cases: [{ name: "one receipt", input: { text: "TOTAL 1.00" }, expect: { decision: "accepted" } }],
});
`,
  );
  const tasks = path.join(dir, "tasks.jsonl");
  fs.writeFileSync(tasks, `${JSON.stringify({ input: { text: "TOTAL 1.00" } })}\n`);
  return { dir, tasks, db: tempDb() };
}

describe("a CLI run that needs a live model and has no key", () => {
  it("crosscheck run exits 2 before the first case, naming the agent and the key, and writes no database", async () => {
    const { dir, tasks, db } = setupProject();
    const result = await cli(["--db", db, "run", path.join(dir, "workflow.ts"), "--input", tasks]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "worker reader: anthropic:claude-sonnet-4-5 needs ANTHROPIC_API_KEY, which is not set; auditor judge",
    );
    expect(result.stdout).toBe("");
    expect(fs.existsSync(db)).toBe(false);
  });

  it("crosscheck scenarios exits 2 before the first case when a case has no recordings", async () => {
    const { dir, db } = setupProject();
    const result = await cli(["--db", db, "scenarios", path.join(dir, "suite.ts")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('suite needs-claude has no recordings for "one receipt"');
    expect(fs.existsSync(db)).toBe(false);
  });

  it("crosscheck scenarios --update-recordings exits 2 before the first case: recording needs the key", async () => {
    const { dir, db } = setupProject();
    const result = await cli(["--db", db, "scenarios", path.join(dir, "suite.ts"), "--update-recordings"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("to record suite needs-claude");
    expect(fs.existsSync(path.join(dir, "recordings"))).toBe(false);
  });

  it("crosscheck scenarios runs the cases when they have recordings (a missing call then fails that case)", async () => {
    const { dir, db } = setupProject();
    fs.mkdirSync(path.join(dir, "recordings"));
    fs.writeFileSync(
      path.join(dir, "recordings/one-receipt.json"),
      `${JSON.stringify({ entries: [], version: 1 })}\n`,
    );
    const result = await cli(["--db", db, "scenarios", path.join(dir, "suite.ts")]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("No recording for a model call");
  });
});
