import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cli, ROOT } from "../helpers/cli.js";
import { tempDir } from "../helpers/temp.js";

/** A strict workflow file whose auditor returns `confidence`. */
function workflowSource(confidence: number): string {
  const index = JSON.stringify(path.join(ROOT, "src/index.ts"));
  return `import { defineAuditor, defineWorker, defineWorkflow, majority, withProvenance } from ${index};
const checker = withProvenance(
  defineAuditor("checker", async () => ({ decision: "pass", confidence: ${confidence} })),
  { version: "1.0.0", module: import.meta.url },
);
export default defineWorkflow({
  name: "signed", worker: defineWorker("echo", async () => ({ content: "ok" })),
  auditors: [checker], consensus: majority(), provenance: "strict",
});
`;
}

function setupAgentsCli() {
  const dir = tempDir();
  const db = path.join(dir, "c.db");
  const tasks = path.join(dir, "tasks.jsonl");
  fs.writeFileSync(tasks, '{"input":{}}\n');
  const write = (name: string, confidence: number) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, workflowSource(confidence));
    return file;
  };
  const run = (...args: string[]) => cli(["--db", db, ...args]);
  return { dir, db, tasks, write, run };
}

describe("crosscheck agents", () => {
  it("signs a workflow's agents beside it, and a strict workflow then runs", async () => {
    const { dir, tasks, write, run } = setupAgentsCli();
    expect((await run("keys", "generate", "--file", "agents", "--name", "acme/agents")).code).toBe(0);
    const file = write("wf.ts", 1);
    const signed = await run("agents", "sign", file);
    expect(signed.code).toBe(0);
    expect(signed.stdout).toMatch(/^ {2}worker {2}echo {2}[0-9a-f]{64}$/m);
    expect(signed.stdout).toMatch(/^ {2}auditor checker {2}[0-9a-f]{64}$/m);
    const manifests = JSON.parse(fs.readFileSync(path.join(dir, "wf.manifests.json"), "utf8"));
    expect(manifests.agents.map((a: { manifest: { id: string } }) => a.manifest.id)).toEqual([
      "echo",
      "checker",
    ]);
    expect(manifests.agents[1].manifest.module.file).toBe("wf.ts");
    expect((await run("agents", "verify", file)).code).toBe(0);
    expect((await run("run", file, "--input", tasks)).code).toBe(0);
  });

  it("refuses to run an agent whose code changed since signing (exit 2, naming the agent)", async () => {
    const { dir, tasks, write, run } = setupAgentsCli();
    await run("keys", "generate", "--file", "agents", "--name", "acme/agents");
    await run("agents", "sign", write("before.ts", 1));
    // The same workflow with the auditor edited, holding the manifests signed before the edit.
    const after = write("after.ts", 0.5);
    fs.copyFileSync(path.join(dir, "before.manifests.json"), path.join(dir, "after.manifests.json"));
    const result = await run("run", after, "--input", tasks);
    expect(result.code).toBe(2);
    expect(result.stderr.split("\n")).toHaveLength(1);
    expect(result.stderr).toContain(
      'auditor "checker" changed since it was signed: code digest of its functions',
    );
    expect(result.stderr).toContain("module digest of after.ts");
    const verify = await run("agents", "verify", after);
    expect([verify.code, verify.stderr]).toEqual([2, expect.stringContaining('auditor "checker" changed')]);
  });

  it("exits 2 without a key, says how to make one, and writes no manifests file", async () => {
    const { dir, write, run } = setupAgentsCli();
    const result = await run("agents", "sign", write("wf.ts", 1));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/keys[/\\]agents\.key .*crosscheck keys generate/);
    expect(fs.existsSync(path.join(dir, "wf.manifests.json"))).toBe(false);
  });
});
