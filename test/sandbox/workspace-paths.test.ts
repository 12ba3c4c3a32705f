import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveInWorkspace, SandboxBlockedError } from "../../src/sandbox/workspace-paths.js";
import { tempDir } from "../helpers/temp.js";

function setup() {
  const workspace = fs.realpathSync(tempDir("crosscheck-paths-ws-"));
  const outside = fs.realpathSync(tempDir("crosscheck-paths-out-"));
  fs.mkdirSync(path.join(workspace, "src"));
  fs.writeFileSync(path.join(workspace, "src/a.ts"), "a");
  const escapeOf = (requested: string) => {
    try {
      resolveInWorkspace(workspace, requested);
    } catch (error) {
      if (error instanceof SandboxBlockedError) return error;
      throw error;
    }
    throw new Error(`${requested} was not refused`);
  };
  return { workspace, outside, escapeOf };
}

describe("resolveInWorkspace", () => {
  it("resolves relative paths, /workspace paths and new files inside the workspace", () => {
    const { workspace } = setup();
    expect(resolveInWorkspace(workspace, "src/a.ts")).toEqual({
      host: path.join(workspace, "src/a.ts"),
      relative: "src/a.ts",
    });
    expect(resolveInWorkspace(workspace, "/workspace/src/a.ts").relative).toBe("src/a.ts");
    expect(resolveInWorkspace(workspace, "new/dir/b.ts").relative).toBe("new/dir/b.ts");
    expect(resolveInWorkspace(workspace, ".").relative).toBe(".");
  });

  it("follows a symlink that stays inside", () => {
    const { workspace } = setup();
    fs.symlinkSync("src", path.join(workspace, "alias"));
    expect(resolveInWorkspace(workspace, "alias/a.ts").relative).toBe("src/a.ts");
  });

  it("refuses .., absolute paths outside, and symlinks that lead out (existing or dangling)", () => {
    const { workspace, outside, escapeOf } = setup();
    fs.symlinkSync("/etc", path.join(workspace, "etc-link"));
    fs.symlinkSync(path.join(outside, "later.txt"), path.join(workspace, "dangling"));
    fs.symlinkSync(outside, path.join(workspace, "out"));
    expect(escapeOf("../x").message).toContain('path "../x" uses ..');
    expect(escapeOf("src/../../x").ruleId).toBe("sandbox.path-escape");
    expect(escapeOf("/etc/passwd").message).toContain("is absolute and outside the workspace");
    expect(escapeOf("etc-link/passwd").message).toContain("through a symlink");
    expect(escapeOf("out/new-file").message).toContain("through a symlink");
    expect(escapeOf("dangling").message).toContain("symlink to a missing target");
  });
});
