import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isCrosscheckError } from "../../src/errors.js";
import { exec } from "../../src/sandbox/exec.js";
import { OutputCapture } from "../../src/sandbox/output.js";
import { runSandboxTests, sandboxSkipNote } from "../helpers/bwrap.js";
import { tempDir } from "../helpers/temp.js";

function setup() {
  const workspace = tempDir("crosscheck-sandbox-ws-");
  return { workspace };
}

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isCrosscheckError(error)) throw new Error(`expected a CrosscheckError, got ${String(error)}`);
  return error;
}

describe("OutputCapture", () => {
  it("keeps short output whole", () => {
    const capture = new OutputCapture(100);
    capture.push(Buffer.from("hello\n"));
    expect(capture.text()).toBe("hello\n");
    expect(capture.truncated).toBe(false);
  });

  it("keeps the head and the tail of long output and says how much was cut", () => {
    const capture = new OutputCapture(100);
    for (let i = 0; i < 1000; i++) capture.push(Buffer.from(String(i % 10)));
    expect(capture.total).toBe(1000);
    expect(capture.truncated).toBe(true);
    // head 25 bytes, tail 75 bytes, 900 cut
    expect(capture.text()).toBe(
      `${"0123456789".repeat(3).slice(0, 25)}\n[… 900 bytes cut …]\n${"0123456789".repeat(10).slice(25)}`,
    );
  });
});

describe("sandbox options", () => {
  it("rejects a workspace that does not exist, naming it", async () => {
    const error = await failure(exec("true", { workspace: "/nonexistent/crosscheck-ws" }));
    expect(error.code).toBe("USAGE");
    expect(error.message).toContain("/nonexistent/crosscheck-ws does not exist");
  });

  it("rejects a cwd that leaves the workspace", async () => {
    const { workspace } = setup();
    const error = await failure(exec("true", { workspace, cwd: "../etc" }));
    expect(error.message).toContain("sandbox cwd: ../etc leaves the workspace");
  });

  it("rejects a limit out of range, naming the field", async () => {
    const { workspace } = setup();
    const error = await failure(exec("true", { workspace, memoryMb: 1 }));
    expect(error.message).toMatch(/memoryMb: must be at least 16/);
  });
});

describe("without bubblewrap", () => {
  afterEach(() => {
    delete process.env["CROSSCHECK_BWRAP"];
  });

  it("refuses with SANDBOX_UNAVAILABLE saying how to install it", async () => {
    const { workspace } = setup();
    process.env["CROSSCHECK_BWRAP"] = "/nonexistent/bwrap";
    const error = await failure(exec("true", { workspace }));
    expect(error.code).toBe("SANDBOX_UNAVAILABLE");
    expect(error.message).toContain("apt-get install -y bubblewrap");
  });

  it("runs with the limits only when allowUnsandboxed, and says sandboxed: false", async () => {
    const { workspace } = setup();
    process.env["CROSSCHECK_BWRAP"] = "/nonexistent/bwrap";
    process.env["CROSSCHECK_TEST_LEAK"] = "leaked";
    try {
      const result = await exec("pwd; env; sleep 5", { workspace, allowUnsandboxed: true, timeoutMs: 300 });
      expect(result.sandboxed).toBe(false);
      expect(result.enforced).not.toContain("namespaces");
      expect(result.limitHit).toBe("timeout");
      expect(result.stdoutTail).toContain(fs.realpathSync(workspace));
      expect(result.stdoutTail).not.toContain("leaked");
    } finally {
      delete process.env["CROSSCHECK_TEST_LEAK"];
    }
  });
});

describe.skipIf(!runSandboxTests)(`exec in bubblewrap${sandboxSkipNote}`, () => {
  it("runs in /workspace as a non-root user with only the listed environment", async () => {
    const { workspace } = setup();
    process.env["CROSSCHECK_TEST_LEAK"] = "leaked";
    try {
      const result = await exec(["/bin/sh", "-c", 'pwd; id -u; echo "$GREETING"; env'], {
        workspace,
        env: { GREETING: "hi" },
      });
      expect(result.exitCode).toBe(0);
      expect(result.sandboxed).toBe(true);
      expect(result.enforced).toContain("namespaces");
      expect(result.stdoutTail.split("\n").slice(0, 3)).toEqual(["/workspace", "1000", "hi"]);
      expect(result.stdoutTail).not.toContain("leaked");
      expect(result.limitHit).toBeUndefined();
    } finally {
      delete process.env["CROSSCHECK_TEST_LEAK"];
    }
  });

  it("writes into the workspace on the host and reports the command's exit code and stderr", async () => {
    const { workspace } = setup();
    fs.mkdirSync(path.join(workspace, "sub"));
    const result = await exec("echo made > out.txt; echo bad >&2; exit 7", { workspace, cwd: "sub" });
    expect(result.exitCode).toBe(7);
    expect(result.signal).toBeNull();
    expect(result.stderrTail).toBe("bad\n");
    expect(fs.readFileSync(path.join(workspace, "sub/out.txt"), "utf8")).toBe("made\n");
  });

  it("shows readOnly paths without letting the command change them", async () => {
    const { workspace } = setup();
    const shared = tempDir("crosscheck-sandbox-ro-");
    fs.writeFileSync(path.join(shared, "data.txt"), "shared data");
    const result = await exec(`cat ${shared}/data.txt; echo x > ${shared}/data.txt`, {
      workspace,
      readOnly: [shared],
    });
    expect(result.stdoutTail).toBe("shared data");
    expect(result.stderrTail).toContain("Read-only file system");
    expect(fs.readFileSync(path.join(shared, "data.txt"), "utf8")).toBe("shared data");
  });

  it("stops when its AbortSignal fires, without naming a limit", async () => {
    const { workspace } = setup();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const result = await exec("sleep 30", { workspace, signal: controller.signal });
    expect(result.signal).toBe("SIGKILL");
    expect(result.limitHit).toBeUndefined();
  });
});
