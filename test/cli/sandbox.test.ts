import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runSandboxTests, sandboxSkipNote } from "../helpers/bwrap.js";
import { cli } from "../helpers/cli.js";
import { tempDir } from "../helpers/temp.js";

describe("crosscheck sandbox exec: bad input", () => {
  it("needs --workspace (exit 2)", async () => {
    const result = await cli(["sandbox", "exec", "--", "true"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--workspace DIR is required");
  });

  it("rejects a timeout that is not a number (exit 2)", async () => {
    const result = await cli([
      "sandbox",
      "exec",
      "--workspace",
      tempDir(),
      "--timeout",
      "soon",
      "--",
      "true",
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--timeout must be a positive number of seconds, got "soon"');
  });

  it("rejects a workspace that does not exist (exit 2)", async () => {
    const result = await cli(["sandbox", "exec", "--workspace", "/nonexistent/ws", "--", "true"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("/nonexistent/ws does not exist");
  });
});

/** A fresh workspace and `sandboxExec(flags, command)` over it. */
function setup() {
  const workspace = tempDir();
  const sandboxExec = (flags: string[], command: string[]) =>
    cli(["sandbox", "exec", "--workspace", workspace, ...flags, "--", ...command]);
  return { workspace, sandboxExec };
}

describe.skipIf(!runSandboxTests)(`crosscheck sandbox exec${sandboxSkipNote}`, () => {
  it("mirrors the command's exit code and prints the output tails", async () => {
    const { sandboxExec } = setup();
    const result = await sandboxExec([], ["sh", "-c", "echo out; echo err >&2; exit 5"]);
    expect(result.code).toBe(5);
    expect(result.stdout.split("\n")[0]).toMatch(/^exit 5, no limit hit, \d+ ms, sandboxed$/);
    expect(result.stdout).toContain("--- stdout ---\nout\n--- stderr ---\nerr");
  });

  it("names the limit hit and prints JSON with --json", async () => {
    const { sandboxExec } = setup();
    const result = await sandboxExec(["--timeout", "0.3", "--json"], ["sleep", "10"]);
    const parsed = JSON.parse(result.stdout) as { limitHit: string; exitCode: number; sandboxed: boolean };
    expect(parsed.limitHit).toBe("timeout");
    expect(parsed.sandboxed).toBe(true);
    expect(result.code).toBe(parsed.exitCode);
    expect(result.code).toBe(137);
  });

  it("writes only into the workspace", async () => {
    const { workspace, sandboxExec } = setup();
    const result = await sandboxExec([], ["sh", "-c", "echo hi > note.txt"]);
    expect(result.code).toBe(0);
    expect(fs.readFileSync(path.join(workspace, "note.txt"), "utf8")).toBe("hi\n");
  });
});
