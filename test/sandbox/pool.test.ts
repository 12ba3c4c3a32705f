import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isCrosscheckError } from "../../src/errors.js";
import { SandboxPool } from "../../src/sandbox/pool.js";
import { runSandboxTests, sandboxSkipNote } from "../helpers/bwrap.js";
import { tempDir } from "../helpers/temp.js";

/** The most `S` lines open (not yet closed by an `E` line) at any point of a marker log. */
function maxOpen(log: string): number {
  let open = 0;
  let max = 0;
  for (const line of log.split("\n")) {
    if (line.startsWith("S ")) max = Math.max(max, ++open);
    if (line.startsWith("E ")) open--;
  }
  return max;
}

describe("SandboxPool", () => {
  it("takes its cap from quotas.sandboxConcurrency", () => {
    expect(SandboxPool.fromQuotas({ sandboxConcurrency: 3 }).concurrency).toBe(3);
  });

  it("rejects a cap that is not a positive integer, naming the quota", () => {
    let error: unknown;
    try {
      new SandboxPool(0);
    } catch (e) {
      error = e;
    }
    expect(isCrosscheckError(error) && error.message).toContain("quotas.sandboxConcurrency");
  });
});

describe.skipIf(!runSandboxTests)(`mass spawning through one pool${sandboxSkipNote}`, () => {
  it("runs 200 executions with at most 8 at once, each ends with a result, and the host stays responsive", async () => {
    const workspace = tempDir("crosscheck-pool-ws-");
    const shared = tempDir("crosscheck-pool-shared-");
    const log = path.join(shared, "markers.log");
    fs.writeFileSync(log, "");
    const pool = new SandboxPool(8);
    let ticks = 0;
    const heartbeat = setInterval(() => ticks++, 10);
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        pool.exec(
          ["/bin/sh", "-c", `echo "S ${i}" >> ${log}; sleep 0.02; echo "E ${i}" >> ${log}; echo ${i}`],
          {
            workspace,
            writable: [shared],
            timeoutMs: 60_000,
          },
        ),
      ),
    );
    clearInterval(heartbeat);

    expect(results).toHaveLength(200);
    expect(results.every((r, i) => r.exitCode === 0 && r.stdoutTail === `${i}\n`)).toBe(true);
    expect(pool.stats).toEqual({ running: 0, waiting: 0, peak: 8, finished: 200 });
    const markers = fs.readFileSync(log, "utf8");
    expect(markers.split("\n").filter((l) => l.startsWith("S "))).toHaveLength(200);
    expect(markers.split("\n").filter((l) => l.startsWith("E "))).toHaveLength(200);
    expect(maxOpen(markers)).toBeLessThanOrEqual(8);
    // The test's own event loop kept turning while 200 sandboxes came and went.
    expect(ticks).toBeGreaterThanOrEqual(20);
  }, 120_000);
});
