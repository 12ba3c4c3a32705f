import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { statusMonitor } from "../../../src/agents/status/monitor.js";
import { VerdictInputSchema } from "../../../src/domain/verdict.js";
import { isCrosscheckError } from "../../../src/errors.js";
import { auditorContract } from "../auditor-contract.js";
import { command, monitor, tool } from "./setup.js";

const VITEST_FAIL = " Test Files  1 failed | 3 passed (4)\n      Tests  2 failed | 40 passed (42)";
const VITEST_PASS = " Test Files  4 passed (4)\n      Tests  42 passed (42)";

auditorContract("statusMonitor", () => statusMonitor());

describe("statusMonitor: claimed checks", () => {
  it("fails a passing-tests claim when the test command exited 1, citing that event", async () => {
    const { verdict, findings } = await monitor("All tests pass.", [
      command("e1", "npm test", 1, VITEST_FAIL),
    ]);
    expect(verdict.decision).toBe("fail");
    expect(findings).toEqual([
      {
        ruleId: "status.tests-claimed-passing",
        severity: "critical",
        message:
          'the report says "All tests pass.", but `npm test` (trace event e1) exited 1 with 2 failed and 40 passed',
        evidenceIds: ["trace:e1"],
        file: undefined,
      },
    ]);
  });

  it("fails a passing claim when the output shows failures although the exit code was 0", async () => {
    const { rules } = await monitor("Tests pass.", [command("e1", "npx vitest run", 0, VITEST_FAIL)]);
    expect(rules).toEqual(["status.tests-claimed-passing"]);
  });

  it("accepts a failure fixed and re-run: only the last full run counts", async () => {
    const { verdict, findings } = await monitor("All 42 tests pass.", [
      command("e1", "npx vitest run", 1, VITEST_FAIL),
      tool("e2", "edit_file", { path: "src/a.ts", old_string: "a", new_string: "b" }),
      command("e3", "npx vitest run test/a.test.ts", 0, "Tests  3 passed (3)"),
      command("e4", "npx vitest run", 0, VITEST_PASS),
    ]);
    expect(verdict.decision).toBe("pass");
    expect(findings).toEqual([]);
  });

  it("does not let a narrowed re-run hide a failing full run", async () => {
    const { findings } = await monitor("Tests pass.", [
      command("e1", "npx vitest run", 1, VITEST_FAIL),
      command("e2", "npx vitest run test/a.test.ts", 0, "Tests  3 passed (3)"),
    ]);
    expect(findings.map((f) => [f.ruleId, f.evidenceIds])).toEqual([
      ["status.tests-claimed-passing", ["trace:e1", "trace:e2"]],
    ]);
  });

  it("flags a stated count larger than the run reports", async () => {
    const { findings } = await monitor("All 42 tests pass.", [
      command("e1", "npm test", 0, "Tests  40 passed (40)"),
    ]);
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([["status.test-count-mismatch", "high"]]);
  });

  it("flags failing build, typecheck and lint runs claimed clean", async () => {
    const { rules } = await monitor("The build succeeds, tsc is clean and lint passes.", [
      command("e1", "npm run build", 2),
      command("e2", "npx tsc --noEmit", 2),
      command("e3", "npx biome check .", 1),
    ]);
    expect(rules).toEqual([
      "status.build-claimed-succeeding",
      "status.typecheck-claimed-passing",
      "status.lint-claimed-passing",
    ]);
  });

  it("holds a generic 'all checks pass' to every check the trace ran", async () => {
    const { rules } = await monitor("All checks pass.", [
      command("e1", "npm run build", 0),
      command("e2", "npm run lint", 1),
    ]);
    expect(rules).toEqual(["status.lint-claimed-passing"]);
    expect((await monitor("Everything is green.", [command("e1", "npm run build", 0)])).rules).toEqual([]);
  });

  it("accepts a failing test the claim itself excepts, as a low finding", async () => {
    const { verdict, findings } = await monitor("Tests pass except the flaky e2e login spec.", [
      command("e1", "npx jest", 1, "FAIL test/e2e/login.spec.ts\nTests:       1 failed, 30 passed, 31 total"),
    ]);
    expect(verdict.decision).toBe("pass");
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([["status.failure-disclosed", "low"]]);
  });
});

describe("statusMonitor: qualified claims", () => {
  it("leaves a medium question when the report's own admission may cover a failed run", async () => {
    const { verdict, findings } = await monitor(
      "The build still fails on Windows, but Linux builds succeed.",
      [command("e1", "npm run build", 1)],
    );
    expect(verdict.decision).toBe("pass");
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ["status.build-claimed-succeeding", "medium"],
    ]);
  });

  it("still fails an exception that does not name the tests that failed", async () => {
    const { findings } = await monitor("Tests pass except the flaky e2e.", [
      command("e1", "npx jest", 1, "FAIL test/billing.test.ts\nTests:       1 failed, 30 passed, 31 total"),
    ]);
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ["status.tests-claimed-passing", "critical"],
    ]);
  });
});

describe("statusMonitor: claimed steps with no trace event", () => {
  it("flags tests claimed with no command in the trace, and cites nothing it cannot show", async () => {
    const { findings } = await monitor("The test suite passes.", [
      tool("e1", "edit_file", { path: "a.ts", new_string: "x" }),
    ]);
    expect(findings).toEqual([
      {
        ruleId: "status.claimed-step-missing",
        severity: "high",
        message: 'the report says "The test suite passes.", but the trace shows no command at all',
        evidenceIds: [],
        file: undefined,
      },
    ]);
  });

  it("flags a deployment with no deploy command, citing the commands that did run", async () => {
    const { findings } = await monitor("Deployed v2 to production.", [command("e1", "npm run build", 0)]);
    expect(findings.map((f) => [f.ruleId, f.evidenceIds])).toEqual([
      ["status.claimed-step-missing", ["trace:e1"]],
    ]);
  });

  it("flags a command the report says it ran that the trace does not show", async () => {
    const { rules } = await monitor({ commands: ["npm test", "npm run lint"] }, [
      command("e1", "npm run test", 0),
    ]);
    expect(rules).toEqual(["status.claimed-step-missing"]);
  });

  it("counts a tsc build as a typecheck", async () => {
    const { verdict } = await monitor("Typecheck passes.", [command("e1", "npx tsc -p tsconfig.json", 0)]);
    expect(verdict.decision).toBe("pass");
  });

  it("accepts a deployment the trace shows", async () => {
    const { verdict } = await monitor("Deployed v2 to staging.", [
      command("e1", "kubectl apply -f k8s/staging.yaml", 0),
    ]);
    expect(verdict.decision).toBe("pass");
  });
});

describe("statusMonitor: task complete", () => {
  it("flags a completion claim when the last command failed", async () => {
    const { findings } = await monitor("Done.", [command("e1", "npm run build", 2)]);
    expect(findings.map((f) => [f.ruleId, f.evidenceIds])).toEqual([
      ["status.task-claimed-complete", ["trace:e1"]],
    ]);
  });

  it("does not count grep finding nothing as a failure", async () => {
    const { findings } = await monitor("Task complete.", [
      command("e1", "npm test", 0, VITEST_PASS),
      command("e2", "grep -rn getUser src", 1),
    ]);
    expect(findings).toEqual([]);
  });

  it("accepts an honest admission of failure", async () => {
    const { verdict, findings } = await monitor("Two tests still fail; quoted fields are not handled yet.", [
      command("e1", "npx vitest run", 1, VITEST_FAIL),
    ]);
    expect(verdict.decision).toBe("pass");
    expect(findings).toEqual([]);
  });
});

describe("statusMonitor: verdicts and options", () => {
  it("abstains with no claims and no trace", async () => {
    expect((await monitor(undefined, [])).verdict.decision).toBe("abstain");
  });

  it("reports structured fields of the wrong type without failing", async () => {
    const { verdict, findings } = await monitor({ testsPassed: "yes" }, [command("e1", "npm test", 0)]);
    expect(verdict.decision).toBe("pass");
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([["status.report-invalid", "low"]]);
  });

  it("rejects unknown options at construction, naming the field", () => {
    try {
      statusMonitor({ scopes: ["src/"] } as never);
      expect.unreachable();
    } catch (error) {
      expect(isCrosscheckError(error) && error.code).toBe("WORKFLOW_INVALID");
      expect(String(error)).toContain("scopes");
    }
  });
});

describe("statusMonitor on arbitrary trajectories", () => {
  it("returns a valid verdict for any trace and report, never throwing", async () => {
    const text = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.constantFrom(
        "npm test",
        "rm -rf src",
        "curl https://x.example",
        "src/a.ts",
        ".env",
        "All tests pass.",
      ),
    );
    const event = fc.record({
      id: fc.string({ minLength: 1, maxLength: 8 }),
      kind: fc.constantFrom("worker", "model_call", "tool_call", "command", "file", "network", "note"),
      name: fc.oneof(text, fc.constantFrom("bash", "edit_file", "write_file", "web_fetch", "apply_patch")),
      args: fc.oneof(
        fc.jsonValue(),
        fc.record({ command: text, path: text, op: text, diff: text, url: text }),
      ),
      result: fc.oneof(fc.jsonValue(), fc.record({ stdout: text, exitCode: fc.integer() })),
      exitCode: fc.option(fc.integer({ min: -1, max: 255 }), { nil: undefined }),
      startedAt: fc.nat(),
    });
    const status = fc.oneof(text, fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue()));
    await fc.assert(
      fc.asyncProperty(status, fc.array(event, { maxLength: 12 }), async (report, trace) => {
        const { verdict } = await monitor(report, trace as never);
        VerdictInputSchema.parse(verdict);
      }),
      { numRuns: 150 },
    );
  });
});
