import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type AddCode, makeProject } from "../../scenarios/agent-sandbox/fixtures.js";
import type { AuditInput } from "../../src/agents/auditor.js";
import type { TraceEvent } from "../../src/domain/trace.js";
import { SandboxPool } from "../../src/sandbox/pool.js";
import { type ReproduceOptions, reproduce } from "../../src/sandbox/reproduce/auditor.js";
import { runSandboxTests, sandboxSkipNote } from "../helpers/bwrap.js";
import { tempDir } from "../helpers/temp.js";

const at = 1_700_000_000_000;

function command(id: string, line: string, exitCode: number): TraceEvent {
  return { id, kind: "command", name: line, args: { command: line, cwd: "." }, exitCode, startedAt: at };
}

function setup(code: AddCode, options: ReproduceOptions = {}) {
  const workspace = makeProject(code, tempDir("crosscheck-reproduce-test-"));
  const auditor = reproduce({ pool: new SandboxPool(2), sandbox: { timeoutMs: 20_000 }, ...options });
  const audit = (status: string | Record<string, unknown> | undefined, trace: TraceEvent[] = []) => {
    const input: AuditInput = {
      caseId: "c1",
      task: { input: { workspace } },
      output: { content: {}, ...(status === undefined ? {} : { status }) },
      trace,
      evidence: [],
    };
    return auditor.audit(input, { signal: new AbortController().signal });
  };
  return { workspace, audit };
}

describe("reproduce() options", () => {
  it("rejects commands for a check it does not know, naming the checks", () => {
    expect(() => reproduce({ commands: { test: "npm test" } as never })).toThrow(
      /reproduce\(\{ commands \}\) must be "detect" or command lines by check \(build, typecheck, lint, tests\)/,
    );
  });
});

describe("reproduce() without anything to re-run", () => {
  it("abstains when there is no workspace", async () => {
    const verdict = await reproduce().audit(
      {
        caseId: "c",
        task: { input: {} },
        output: { content: {}, status: "all tests pass" },
        trace: [],
        evidence: [],
      },
      { signal: new AbortController().signal },
    );
    expect(verdict).toMatchObject({ decision: "abstain", findings: [{ ruleId: "reproduce.no-workspace" }] });
  });

  it("abstains when the worker neither ran nor claimed a check", async () => {
    const { audit } = setup("correct");
    expect(await audit("I renamed a variable.")).toMatchObject({
      decision: "abstain",
      findings: [{ ruleId: "reproduce.nothing-to-run" }],
    });
  });
});

describe.skipIf(!runSandboxTests)(`reproduce() re-runs in the sandbox${sandboxSkipNote}`, () => {
  it("catches a claimed pass that fails when re-run, with the exit code, the output and the trace event", async () => {
    const { audit } = setup("buggy");
    const verdict = await audit("Fixed add(). I ran `npm test` and all tests pass.", [
      command("e1", "npm test", 0),
    ]);
    expect(verdict.decision).toBe("fail");
    const rules = verdict.findings?.map((f) => f.ruleId);
    expect(rules).toEqual(["reproduce.claim-contradicted", "reproduce.outcome-differs"]);
    const [contradicted, differs] = verdict.findings ?? [];
    expect(contradicted?.message).toContain("`npm test` exits 1 when re-run in a fresh sandbox");
    expect(contradicted?.message).toContain("FAIL add(2, 2) = 5, expected 4");
    expect(contradicted?.evidenceIds).toEqual(["e1"]);
    expect(differs?.message).toContain("`npm test` exited 0 in the worker's trace (e1)");
  });

  it("passes an honest worker whose claims and trace hold", async () => {
    const { audit } = setup("correct");
    const verdict = await audit("All tests pass and the build succeeds.", [
      command("e1", "npm run build", 0),
      command("e2", "npm test", 0),
    ]);
    expect(verdict).toMatchObject({ decision: "pass", confidence: 0.9 });
    expect(verdict.findings?.map((f) => [f.ruleId, f.evidenceIds])).toEqual([
      ["reproduce.confirmed", ["e1"]],
      ["reproduce.confirmed", ["e2"]],
    ]);
  });

  it("catches a trace whose exit code the re-run does not reproduce, without any claim", async () => {
    const { audit } = setup("buggy");
    const verdict = await audit(undefined, [command("e7", "npm test", 0)]);
    expect(verdict.findings).toEqual([
      expect.objectContaining({ ruleId: "reproduce.outcome-differs", severity: "high", evidenceIds: ["e7"] }),
    ]);
  });

  it("finds the command in package.json when the claim names none (a structured report)", async () => {
    const { audit } = setup("buggy");
    const verdict = await audit({ testsPassed: true });
    expect(verdict.findings?.[0]?.message).toContain(
      'the worker claims "testsPassed: true", but `npm test` exits 1',
    );
  });

  it("runs the workflow's configured command instead of the worker's", async () => {
    const { audit } = setup("buggy", { commands: { tests: "node test.js" } });
    const verdict = await audit("Tests pass.", [command("e1", "npm test -- --only-the-easy-ones", 0)]);
    expect(verdict.findings?.[0]?.message).toContain("`node test.js` exits 1");
  });

  it("re-runs over a copy: the command cannot change the worker's workspace", async () => {
    const { audit, workspace } = setup("correct", {
      commands: { tests: "rm -f add.js && echo x > planted.txt" },
    });
    await audit("Tests pass.");
    expect(fs.existsSync(path.join(workspace, "add.js"))).toBe(true);
    expect(fs.existsSync(path.join(workspace, "planted.txt"))).toBe(false);
  });

  it("abstains when a re-run hits a limit", async () => {
    const { audit } = setup("correct", { commands: { tests: "sleep 30" }, sandbox: { timeoutMs: 300 } });
    expect(await audit("Tests pass.")).toMatchObject({
      decision: "abstain",
      findings: [{ ruleId: "reproduce.limit-hit" }],
    });
  });
});
