import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { exec, type SandboxResult } from "../../src/sandbox/exec.js";
import type { SandboxOptions } from "../../src/sandbox/options.js";
import { runSandboxTests, sandboxSkipNote } from "../helpers/bwrap.js";
import { tempDir } from "../helpers/temp.js";

/** Host processes whose command line contains `marker` (what a hostile program left running). */
function processesWith(marker: string): number {
  let count = 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").includes(marker)) count++;
    } catch {
      // Gone while we looked.
    }
  }
  return count;
}

function setup(options: Partial<SandboxOptions> = {}) {
  const workspace = tempDir("crosscheck-sandbox-ws-");
  const outside = tempDir("crosscheck-sandbox-host-");
  const run = (command: string[] | string, extra: Partial<SandboxOptions> = {}): Promise<SandboxResult> =>
    exec(command, { workspace, timeoutMs: 10_000, ...options, ...extra });
  return { workspace, outside, run };
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
});

describe.skipIf(!runSandboxTests)(`hostile programs in the sandbox${sandboxSkipNote}`, () => {
  it("holds a fork bomb to maxProcesses, ends it, and leaves nothing running on the host", async () => {
    const { run } = setup();
    const marker = `forkbomb-${randomUUID()}`;
    let peak = 0;
    let ticks = 0;
    const sampler = setInterval(() => {
      ticks++;
      peak = Math.max(peak, processesWith(marker));
    }, 50);
    const result = await run(["/bin/sh", "-c", "b(){ b | b & }; b; sleep 2", marker], {
      maxProcesses: 32,
      timeoutMs: 4_000,
    });
    clearInterval(sampler);
    const capped = result.enforced.some((e) => e.endsWith(":pids") || e === "rlimit:nproc");
    expect(
      capped,
      `no process cap here (enforced: ${result.enforced.join(", ")}); as root it needs a writable cgroup`,
    ).toBe(true);
    expect(result.limitsHit).toContain("processes");
    expect(result.limitHit).toBe("processes");
    // The bwrap monitor and reaper carry the marker too: the cap plus that overhead.
    expect(peak).toBeLessThanOrEqual(32 + 3);
    expect(ticks).toBeGreaterThan(3);
    expect(processesWith(marker)).toBe(0);
  });

  it("stops an infinite loop at its CPU budget", async () => {
    const { run } = setup();
    const result = await run("while :; do :; done", { cpuSeconds: 1 });
    expect(result.limitHit).toBe("cpu");
    expect(result.signal).toBe("SIGXCPU");
    expect(result.exitCode).toBe(128 + 24);
  });

  it("kills a sleeping program and its children at the timeout", async () => {
    const { run } = setup();
    const marker = `sleeper-${randomUUID()}`;
    const result = await run(["/bin/sh", "-c", "sleep 600 & sleep 600", marker], { timeoutMs: 500 });
    expect(result.limitHit).toBe("timeout");
    expect(result.signal).toBe("SIGKILL");
    expect(processesWith(marker)).toBe(0);
  });

  it("stops a memory hog at memoryMb", async () => {
    const { run } = setup();
    const result = await run(["node", "-e", "const a = []; for (;;) a.push(Buffer.alloc(1e7, 1));"], {
      memoryMb: 128,
    });
    expect(result.limitHit).toBe("memory");
    expect(result.exitCode).not.toBe(0);
  });

  it("stops 1 GB of output at maxOutputBytes and keeps only its head and tail", async () => {
    const { run } = setup();
    const result = await run("head -c 1000000000 /dev/zero | tr '\\0' x", { maxOutputBytes: 1024 * 1024 });
    expect(result.limitHit).toBe("output");
    expect(result.truncated).toBe(true);
    expect(result.outputBytes).toBeLessThan(1_000_000_000);
    expect(result.stdoutTail.length).toBeLessThan(40 * 1024);
    expect(result.stdoutTail).toMatch(/\[… \d+ bytes cut …\]/);
  });

  it("stops a 1 GB file at maxFileMb", async () => {
    const { run, workspace } = setup();
    const result = await run("head -c 1000000000 /dev/zero > big", { maxFileMb: 8 });
    expect(result.exitCode).not.toBe(0);
    expect(fs.statSync(path.join(workspace, "big")).size).toBeLessThanOrEqual(8 * 1024 * 1024);
  });

  it("cuts the network: a server on the host's loopback sees no connection (and sees one with network: true)", async () => {
    const { run } = setup();
    let connections = 0;
    const server = net.createServer((socket) => {
      connections++;
      socket.on("error", () => {});
      socket.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as net.AddressInfo).port;
    const connect = `const s = require("net").connect(${port}, "127.0.0.1");
      s.on("connect", () => { console.log("connected"); process.exit(0); });
      s.on("error", (e) => { console.log("blocked " + e.code); process.exit(3); });`;
    try {
      const blocked = await run(["node", "-e", connect]);
      expect(blocked.exitCode).toBe(3);
      expect(blocked.stdoutTail).toContain("blocked ECONNREFUSED");
      expect(connections).toBe(0);
      const allowed = await run(["node", "-e", connect], { network: true });
      expect(allowed.stdoutTail).toContain("connected");
      expect(connections).toBe(1);
    } finally {
      server.close();
    }
  });

  it("keeps writes outside the workspace off the host", async () => {
    const { run, outside } = setup();
    const targets = [path.join(outside, "pwned"), "/usr/pwned", "/etc/pwned", `/root/pwned-${randomUUID()}`];
    const script = targets.map((t) => `mkdir -p ${path.dirname(t)} 2>/dev/null; echo x > ${t}`).join("; ");
    const result = await run(`${script}; echo done`);
    expect(result.stdoutTail).toContain("done");
    for (const target of targets) expect(fs.existsSync(target)).toBe(false);
  });

  it("cannot read a secret file outside the workspace, nor the caller's environment", async () => {
    const { run, outside } = setup();
    const secret = `SECRET-${randomUUID()}`;
    const file = path.join(outside, "secret.txt");
    fs.writeFileSync(file, secret);
    process.env["CROSSCHECK_TEST_SECRET"] = secret;
    try {
      const result = await run(`cat ${file}; cat /root/.ssh/id_* /root/.npmrc; env; ls -la / /home 2>&1`);
      expect(result.stdoutTail + result.stderrTail).not.toContain(secret);
      expect(result.stderrTail).toContain("No such file or directory");
    } finally {
      delete process.env["CROSSCHECK_TEST_SECRET"];
    }
  });

  it("does not follow workspace symlinks out of the sandbox", async () => {
    const { run, workspace, outside } = setup();
    const secret = `SECRET-${randomUUID()}`;
    fs.writeFileSync(path.join(outside, "secret.txt"), secret);
    fs.symlinkSync(path.join(outside, "secret.txt"), path.join(workspace, "secret-link"));
    fs.symlinkSync("/etc", path.join(workspace, "etc-link"));
    fs.symlinkSync(outside, path.join(workspace, "out-link"));
    const result = await run(
      "cat secret-link; cat etc-link/shadow etc-link/passwd; echo x > out-link/pwned; ln -s / root-link; cat root-link/etc/shadow; echo done",
    );
    expect(result.stdoutTail).toContain("done");
    expect(result.stdoutTail + result.stderrTail).not.toContain(secret);
    expect(result.stdoutTail).not.toMatch(/^root:/m);
    expect(fs.existsSync(path.join(outside, "pwned"))).toBe(false);
  });

  it("cannot kill a process outside the sandbox", async () => {
    const { run } = setup();
    const victim = spawn("sleep", ["60"], { stdio: "ignore" });
    children.push(victim);
    const pid = victim.pid as number;
    const result = await run(`kill -9 ${pid}; kill -9 -1; pkill sleep; echo tried`);
    expect(result.stdoutTail).toContain("tried");
    expect(victim.exitCode).toBeNull();
    expect(victim.signalCode).toBeNull();
    expect(() => process.kill(pid, 0)).not.toThrow();
  });
});
