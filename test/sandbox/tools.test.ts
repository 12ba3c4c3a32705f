import fs from "node:fs";
import path from "node:path";
import type { ToolMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { TraceRecorder } from "../../src/agents/model/trace-recorder.js";
import { SandboxPool } from "../../src/sandbox/pool.js";
import { sandboxTools } from "../../src/sandbox/tools.js";
import { runSandboxTests, sandboxSkipNote } from "../helpers/bwrap.js";
import { tempDir } from "../helpers/temp.js";

function setup(sandbox = {}) {
  const workspace = tempDir("crosscheck-tools-ws-");
  const outside = tempDir("crosscheck-tools-out-");
  const pool = new SandboxPool(2);
  const tools = Object.fromEntries(sandboxTools({ workspace, pool, sandbox }).map((t) => [t.name, t]));
  const recorder = new TraceRecorder("case-1");
  /** Calls a tool as the agent does (a tool call), with the framework's recorder current. */
  const call = async (name: string, args: Record<string, unknown>) =>
    recorder.run(async () => {
      const message = (await tools[name]?.invoke({ id: "t1", name, args, type: "tool_call" })) as ToolMessage;
      return message.status === "error"
        ? { ok: false as const, error: message.text }
        : { ok: true as const, text: message.text };
    });
  return { workspace, outside, pool, recorder, call };
}

describe("file tools", () => {
  it("write, read and list workspace files, each recorded as a file event", async () => {
    const { call, recorder, workspace } = setup();
    expect(await call("writeFile", { path: "src/new.ts", content: "export const x = 1;\n" })).toEqual({
      ok: true,
      text: "wrote 20 bytes to src/new.ts",
    });
    expect(fs.readFileSync(path.join(workspace, "src/new.ts"), "utf8")).toBe("export const x = 1;\n");
    expect(await call("readFile", { path: "src/new.ts" })).toEqual({
      ok: true,
      text: "export const x = 1;\n",
    });
    expect(await call("listFiles", {})).toEqual({ ok: true, text: "src/" });
    expect(recorder.events().map((e) => [e.kind, e.name, (e.args as { op: string }).op])).toEqual([
      ["file", "src/new.ts", "create"],
      ["file", "src/new.ts", "read"],
      ["file", ".", "read"],
    ]);
  });

  it("refuse a path escape as a tool error and record a sandbox.path-escape note", async () => {
    const { call, recorder, workspace, outside } = setup();
    fs.writeFileSync(path.join(outside, "secret.txt"), "top secret");
    fs.symlinkSync(path.join(outside, "secret.txt"), path.join(workspace, "link"));
    const read = await call("readFile", { path: "link" });
    const write = await call("writeFile", { path: "../escaped.txt", content: "x" });
    expect(read).toMatchObject({ ok: false });
    expect(read.ok ? "" : read.error).toContain("leads outside the workspace");
    expect(write.ok ? "" : write.error).toContain("uses ..");
    expect(fs.existsSync(path.join(path.dirname(workspace), "escaped.txt"))).toBe(false);
    expect(recorder.events().map((e) => [e.kind, e.name, (e.args as { tool: string }).tool])).toEqual([
      ["note", "sandbox.path-escape", "readFile"],
      ["note", "sandbox.path-escape", "writeFile"],
    ]);
  });
});

describe.skipIf(!runSandboxTests)(`shell tool${sandboxSkipNote}`, () => {
  it("runs the command in the sandbox and records a command event with exit code and output", async () => {
    const { call, recorder, pool } = setup();
    const result = await call("shell", { command: "echo hello; echo warn >&2; exit 3" });
    expect(result).toEqual({
      ok: true,
      text: "exit code 3\n--- stdout ---\nhello\n\n--- stderr ---\nwarn\n",
    });
    const [event] = recorder.events();
    expect(event).toMatchObject({
      kind: "command",
      name: "echo hello; echo warn >&2; exit 3",
      args: { command: "echo hello; echo warn >&2; exit 3", cwd: ".", sandboxed: true },
      exitCode: 3,
      result: { stdout: "hello\n", stderr: "warn\n" },
    });
    expect(pool.stats.finished).toBe(1);
  });

  it("returns a network attempt as a tool error and records sandbox.network-blocked", async () => {
    const { call, recorder } = setup();
    const result = await call("shell", {
      command: `node -e 'require("net").connect(80, "1.1.1.1").on("error", (e) => { console.error(e.code); process.exit(1); })'`,
    });
    expect(result.ok ? "" : result.error).toContain("tried to reach the network");
    expect(recorder.events().map((e) => [e.kind, e.name])).toEqual([
      ["command", expect.stringContaining("node -e")],
      ["note", "sandbox.network-blocked"],
    ]);
  });

  it("returns a limit hit as a tool error and records sandbox.limit-<kind> citing the command event", async () => {
    const { call, recorder } = setup({ timeoutMs: 300 });
    const result = await call("shell", { command: "sleep 10" });
    expect(result.ok ? "" : result.error).toContain("hit the sandbox's timeout limit");
    const [command, note] = recorder.events();
    expect(note).toMatchObject({
      kind: "note",
      name: "sandbox.limit-timeout",
      args: { eventId: command?.id },
    });
  });

  it("stops the command when the agent's signal aborts (the worker's deadline)", async () => {
    const { recorder } = setup();
    const pool = new SandboxPool(1);
    const [shell] = sandboxTools({ workspace: tempDir(), pool });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    await expect(
      recorder.run(() => shell?.invoke({ command: "sleep 30" }, { signal: controller.signal })),
    ).rejects.toThrow("aborted");
    // The agent stops waiting at once; the sandbox is killed and its command still recorded.
    while (pool.stats.finished === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(recorder.events()[0]).toMatchObject({ kind: "command", result: { signal: "SIGKILL" } });
    expect(recorder.events()[0]?.result).not.toHaveProperty("limitHit");
  });

  it("throws a blocked action when called outside an agent (no tool call to answer)", async () => {
    const { recorder } = setup();
    const [shell] = sandboxTools({ workspace: tempDir(), pool: new SandboxPool(1) });
    await expect(recorder.run(() => shell?.invoke({ command: "ls", cwd: "/etc" }))).rejects.toThrow(
      "is absolute and outside the workspace",
    );
  });

  it("refuses a cwd outside the workspace without running anything", async () => {
    const { call, recorder, pool } = setup();
    const result = await call("shell", { command: "ls", cwd: "../.." });
    expect(result.ok ? "" : result.error).toContain("uses ..");
    expect(pool.stats.finished).toBe(0);
    expect(recorder.events().map((e) => e.name)).toEqual(["sandbox.path-escape"]);
  });
});
