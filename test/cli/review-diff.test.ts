import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.js";
import { tempDir } from "../helpers/temp.js";
import { SARIF_2_1_0_SUBSET } from "./sarif-schema.js";

function sh(repo: string, ...args: string[]) {
  execFileSync("git", ["-C", repo, ...args], {
    stdio: "pipe",
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@example.com",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@example.com",
    },
  });
}

/** A git repository with a clean base commit and a head commit that adds vulnerable code and a typosquat. */
function setupRepo() {
  const repo = tempDir("crosscheck-review-");
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    fs.writeFileSync(path.join(repo, file), text);
  };
  sh(repo, "init", "-q", "-b", "main");
  write("src/app.py", "import os\n\n\ndef run(cmd):\n    return 0\n");
  write("package.json", JSON.stringify({ name: "x", dependencies: { express: "^4.18.0" } }, null, 2));
  write("README.md", "hello\n");
  sh(repo, "add", ".");
  sh(repo, "commit", "-q", "-m", "base");
  write("src/app.py", "import os\n\n\ndef run(cmd):\n    os.system('ls ' + cmd)\n    return 0\n");
  write("src/safe.js", 'const { execFile } = require("child_process");\nexecFile("ls", ["-l"]);\n');
  write(
    "package.json",
    JSON.stringify({ name: "x", dependencies: { express: "^4.18.0", expresss: "1.0.0" } }, null, 2),
  );
  write("README.md", "hello\nworld\n");
  sh(repo, "add", ".");
  sh(repo, "commit", "-q", "-m", "head");
  return { repo, db: path.join(tempDir(), "audit.db") };
}

/** Runs review-diff over the head commit of a fresh repository. */
function reviewRange(format: string) {
  const { repo, db } = setupRepo();
  return cli([
    "--db",
    db,
    "review-diff",
    "--repo",
    repo,
    "--base",
    "HEAD~1",
    "--head",
    "HEAD",
    "--format",
    format,
  ]);
}

describe("crosscheck review-diff", () => {
  it("reports the findings on changed lines of a git range and exits 1 at --fail-on high", async () => {
    const result = await reviewRange("json");
    const findings = result.stdout
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { file: string; line: number; ruleId: string; severity: string });
    expect(findings.map((f) => [f.file, f.line, f.ruleId, f.severity]).sort()).toEqual([
      ["package.json", 5, "dep.typosquat", "high"],
      ["src/app.py", 5, "code.cwe-78", "high"],
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "verification debt: 6 changed line(s): 3 passed by an auditor, 2 with open findings, 1 not checked by any auditor",
    );
  });

  it("writes SARIF 2.1.0 that validates against the schema", async () => {
    const result = await reviewRange("sarif");
    const sarif = JSON.parse(result.stdout);
    const ajv = new Ajv({ strict: false, validateFormats: false });
    const valid = ajv.validate(SARIF_2_1_0_SUBSET, sarif);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId).sort()).toEqual([
      "code.cwe-78",
      "dep.typosquat",
    ]);
    expect(
      sarif.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === "code.cwe-78").properties.tags,
    ).toContain("external/cwe/cwe-78");
  });

  it("reads a diff from stdin and exits 0 when nothing reaches --fail-on", async () => {
    const diff = "--- a/a.js\n+++ b/a.js\n@@ -1,1 +1,2 @@\n const a = 1;\n+el.innerHTML = html;\n";
    const result = await cli(["--db", path.join(tempDir(), "a.db"), "review-diff", "--diff", "-"], diff);
    expect(result.stdout).toContain("medium   code.cwe-79");
    expect(result.code).toBe(0);
  });

  it("lands the verdicts and the decision in the audit log", async () => {
    const { repo, db } = setupRepo();
    const review = await cli([
      "--db",
      db,
      "review-diff",
      "--repo",
      repo,
      "--base",
      "HEAD~1",
      "--head",
      "HEAD",
    ]);
    const caseId = /case ([0-9a-f-]{36})/.exec(review.stdout)?.[1] ?? "";
    const shown = await cli(["--db", db, "audit", "show", caseId]);
    expect(shown.stdout).toContain(`Case ${caseId}: REJECTED by consensus`);
    expect(shown.stdout).toContain("auditor code-security: fail");
    expect(shown.stdout).toContain("auditor dependency-provenance: fail");
    expect((await cli(["--db", db, "audit", "verify"])).code).toBe(0);
  });

  it("rejects bad flags with exit 2 and a message naming the fix", async () => {
    const bad = await cli(["review-diff", "--format", "xml"]);
    expect([bad.code, bad.stderr]).toEqual([
      2,
      'crosscheck: --format "xml" is not one of terminal, json, sarif',
    ]);
    const notRepo = await cli([
      "--db",
      path.join(tempDir(), "a.db"),
      "review-diff",
      "--repo",
      tempDir(),
      "--base",
      "HEAD",
    ]);
    expect(notRepo.code).toBe(2);
    expect(notRepo.stderr).toContain("Check that --repo is a git repository");
  });

  it("keeps a secret committed in a .env file out of the output and the audit log", async () => {
    const key = "AKIAIOSFODNN7EXAMPLF";
    const diff = `--- /dev/null\n+++ b/.env\n@@ -0,0 +1,2 @@\n+DEBUG=1\n+AWS_ACCESS_KEY_ID=${key}\n`;
    const db = path.join(tempDir(), "a.db");
    const result = await cli(["--db", db, "review-diff", "--diff", "-", "--format", "json"], diff);
    expect(result.stdout).toContain('"file":".env","line":2');
    expect(result.stdout).not.toContain(key);
    expect(fs.readFileSync(db).includes(key)).toBe(false);
  });

  it("never prints a committed secret", async () => {
    const key = "AKIAIOSFODNN7EXAMPLF";
    const diff = `--- a/k.py\n+++ b/k.py\n@@ -0,0 +1,1 @@\n+aws_key = "${key}"\n`;
    const db = path.join(tempDir(), "a.db");
    const result = await cli(["--db", db, "review-diff", "--diff", "-", "--format", "sarif"], diff);
    expect(result.stdout).toContain("code.cwe-798");
    expect(result.stdout).not.toContain(key);
    expect(fs.readFileSync(db).includes(key)).toBe(false);
  });
});
