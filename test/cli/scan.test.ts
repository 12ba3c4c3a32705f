import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.js";
import { tempDir } from "../helpers/temp.js";

/** A folder of agent-written files, one of them ignored by .gitignore. */
function setupFolder() {
  const dir = tempDir("crosscheck-scan-");
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  write(".gitignore", "build/\n");
  write("app/run.py", "import os\n\ndef run(cmd):\n    os.system('ls ' + cmd)\n");
  write("app/ok.ts", "export const add = (a: number, b: number) => a + b;\n");
  write("build/out.js", "eval(userInput);\n");
  write("notes.md", "eval(x)\n");
  write("deploy/.env", "DEBUG=1\nAWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLF\n");
  return dir;
}

describe("crosscheck scan", () => {
  it("prints one JSON object per finding with its file (secrets redacted), skipping ignored folders, and exits 1 at --fail-on", async () => {
    const dir = setupFolder();
    const result = await cli(["scan", dir, "--format", "json"]);
    const findings = result.stdout
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { file: string; line: number; ruleId: string });
    expect(findings.map((f) => [path.relative(dir, path.resolve(f.file)), f.line, f.ruleId])).toEqual([
      ["app/run.py", 4, "code.cwe-78"],
      ["deploy/.env", 2, "code.cwe-798"],
    ]);
    expect(result.stdout).not.toContain("AKIAIOSFODNN7EXAMPLF");
    expect(result.stderr).toContain("scanned 3 file(s)");
    expect(result.code).toBe(1);
  });

  it("exits 2 naming a path that does not exist", async () => {
    const result = await cli(["scan", path.join(tempDir(), "missing")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("does not exist: pass files or folders to scan");
  });
});
