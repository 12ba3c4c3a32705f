import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.js";
import { query } from "../helpers/db.js";
import { tempDb, tempDir } from "../helpers/temp.js";

const MIXED = "test/fixtures/suites/mixed.ts";

function setupScenarios() {
  const db = tempDb();
  const out = tempDir();
  return { db, out, run: (...args: string[]) => cli(["--db", db, "scenarios", ...args]) };
}

describe("crosscheck scenarios", () => {
  it("prints a table per suite with what a failed case expected and what happened, and exits 1", async () => {
    const { run } = setupScenarios();
    const result = await run(MIXED);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/suite mixed \(workflow scripted, 5 cases\)/);
    expect(result.stdout).toMatch(
      /failed\s+rejected\s+\d+ ms\s+wrongly expected to pass\n\s+expected accepted\n/,
    );
    expect(result.stdout).toMatch(/expected accepted, got rejected: .*test\.a-critical \(a\): a blocks/);
    expect(result.stdout).toMatch(/passed\s+escalated -> accepted\s+\d+ ms\s+escalates and a human accepts/);
    expect(result.stdout).toMatch(/decision accuracy 80\.0%, escalation rate 20\.0%/);
    expect(result.stdout.trim().split("\n").at(-1)).toBe("4 passed, 1 failed");
  });

  it("exits 0 when every expectation holds, and runs only the cases a --filter names", async () => {
    const { run } = setupScenarios();
    const result = await run(MIXED, "--filter", "OBJECT");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/two auditors object/);
    expect(result.stdout).not.toMatch(/clean pass/);
    expect(result.stdout.trim().split("\n").at(-1)).toBe("1 passed, 0 failed");
  });

  it("reports a case whose decision varies over --repeat runs as unstable, neither passed nor failed", async () => {
    const { run } = setupScenarios();
    const result = await run("test/fixtures/suites/flaky.ts", "--repeat", "4");
    expect(result.stdout).toMatch(/unstable\s+\S+\s+\d+ ms\s+coin decides/);
    expect(result.stdout).toMatch(
      /unstable over 4 runs: (accepted 2\/4, rejected 2\/4|rejected 2\/4, accepted 2\/4)/,
    );
    expect(result.stdout.trim().split("\n").at(-1)).toBe("0 passed, 0 failed, 1 unstable");
    expect(result.code).toBe(0);
  });

  it("writes JSON, JUnit and HTML reports to --out carrying the same numbers", async () => {
    const { run, out } = setupScenarios();
    const result = await run(MIXED, "--reporter", "json,junit", "--reporter", "html", "--out", out);
    expect(result.code).toBe(1);
    const report = JSON.parse(fs.readFileSync(path.join(out, "scenarios.json"), "utf8"));
    expect(report.metrics).toMatchObject({
      cases: 5,
      passed: 4,
      failed: 1,
      unstable: 0,
      decisionAccuracy: 0.8,
    });
    expect(report.suites[0].metrics.families.test).toMatchObject({ expected: 2, found: 2, recall: 1 });
    expect(fs.readFileSync(path.join(out, "junit.xml"), "utf8")).toMatch(/<testsuite[^>]*name="mixed"/);
    expect(fs.readFileSync(path.join(out, "report.html"), "utf8")).toMatch(/wrongly expected to pass/);
  });

  it("prints the JSON report alone with --json", async () => {
    const { db } = setupScenarios();
    const result = await cli(["--db", db, "--json", "scenarios", MIXED]);
    const report = JSON.parse(result.stdout);
    expect(report.suites[0].cases.map((c: { status: string }) => c.status)).toEqual([
      "passed",
      "passed",
      "failed",
      "passed",
      "passed",
    ]);
  });

  it("records each suite run in the audit log as a scenario run", async () => {
    const { run, db } = setupScenarios();
    await run(MIXED, "--filter", "clean");
    const [started] = query<{ body: string }>(db, "select body from events where kind = 'run.started'");
    expect(JSON.parse(started?.body ?? "{}").payload.scenario).toEqual({ suite: "mixed", file: MIXED });
  });

  it("exits 2 naming the file and the problem for a broken suite, before running anything", async () => {
    const { run, db } = setupScenarios();
    const bad = await run(MIXED, "test/fixtures/suites/bad-case.ts");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/suite bad: cases\[0\] \(no expectation\) is invalid: expect\.decision/);
    expect(fs.existsSync(db)).toBe(false);
    const broken = path.join(tempDir(), "syntax-error.ts");
    fs.writeFileSync(broken, "export default {{ not typescript\n");
    const syntax = await run(broken);
    expect(syntax.code).toBe(2);
    expect(syntax.stderr).toMatch(/suite file .*syntax-error\.ts failed to load/);
    const notSuite = await run("test/fixtures/workflows/scripted.ts");
    expect(notSuite.code).toBe(2);
    expect(notSuite.stderr).toMatch(/must export a suite made by defineSuite/);
    const nothing = await run("test/fixtures/suites/nope-*.ts");
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/no suite file matches "test\/fixtures\/suites\/nope-\*\.ts"/);
  });

  it("exits 2 for bad flags", async () => {
    const { run } = setupScenarios();
    expect((await run(MIXED, "--repeat", "0")).stderr).toMatch(/--repeat must be a whole number/);
    expect((await run(MIXED, "--reporter", "pdf")).stderr).toMatch(/--reporter "pdf" is not one of/);
    expect((await run(MIXED, "--filter", "no such case")).code).toBe(2);
  });
});

describe("crosscheck scenarios with a suite that cannot run here", () => {
  const DIR = "test/fixtures/suites-unavailable";

  it("skips a suite found in a directory, saying why, and runs the others", async () => {
    const { run } = setupScenarios();
    const previous = process.env["CI"];
    delete process.env["CI"];
    try {
      const result = await run(DIR);
      expect(result.code).toBe(0);
      expect(result.stderr).toContain("skipped suite needs-frob: it needs frob (apt-get install -y frob)");
      expect(result.stdout).toMatch(/suite runs-anywhere/);
      expect(result.stdout).not.toMatch(/suite needs-frob/);
    } finally {
      if (previous !== undefined) process.env["CI"] = previous;
    }
  });

  it("fails on it when it is named, or under CI=true", async () => {
    const { run } = setupScenarios();
    const named = await run(`${DIR}/needs-frob/suite.ts`);
    expect(named.code).toBe(2);
    expect(named.stderr).toContain(
      "suite needs-frob cannot run here: it needs frob (apt-get install -y frob)",
    );
    const previous = process.env["CI"];
    process.env["CI"] = "true";
    try {
      const ci = await run(DIR);
      expect(ci.code).toBe(2);
      expect(ci.stderr).toContain("suite needs-frob cannot run here");
    } finally {
      if (previous === undefined) delete process.env["CI"];
      else process.env["CI"] = previous;
    }
  });
});
