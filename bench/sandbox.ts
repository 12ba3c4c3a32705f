/**
 * Sandboxed executions per second: `sandbox.exec(["/bin/true"])` through a pool (bubblewrap,
 * prlimit, a cgroup where one can be made) beside the same number of bare `/bin/true` spawns
 * at the same concurrency. The ratio is the price of the sandbox per command; real commands
 * (a test suite) take far longer than either.
 *
 * Env: BENCH_SANDBOX_EXECS (default 100), BENCH_SANDBOX_CONCURRENCY (default 4),
 * BENCH_SANDBOX_ROUNDS (default 3). Needs bubblewrap.
 */
import { spawn } from "node:child_process";
import { mapConcurrent } from "../src/internal/semaphore.js";
import { bwrapStatus } from "../src/sandbox/bwrap.js";
import { SandboxPool } from "../src/sandbox/pool.js";
import { alternateRounds, type BenchResult, envCount, isMain, rate, report, withTempDir } from "./support.js";

/** The sandbox may cost this much of a bare spawn's throughput (namespaces, mounts, cgroup set-up). */
const MIN_RATIO = 0.05;

function spawnTrue(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("/bin/true", { stdio: "ignore" });
    child.once("error", reject);
    child.once("close", () => resolve());
  });
}

export async function runSandboxBench(): Promise<BenchResult[]> {
  const status = bwrapStatus();
  if (!status.ok) throw new Error(`sandbox bench: ${status.reason}`);
  const execs = envCount("BENCH_SANDBOX_EXECS", 100);
  const concurrency = envCount("BENCH_SANDBOX_CONCURRENCY", 4);
  const rounds = envCount("BENCH_SANDBOX_ROUNDS", 3);
  return withTempDir("sandbox", async (workspace) => {
    const pool = new SandboxPool(concurrency);
    const items = Array.from({ length: execs }, (_, i) => i);
    const sandboxed = () =>
      rate(execs, () => Promise.all(items.map(() => pool.exec(["/bin/true"], { workspace }))));
    const bare = () => rate(execs, () => mapConcurrent(items, concurrency, spawnTrue));
    return [
      report({
        name: "sandboxed executions",
        unit: "execs/s",
        baselineLabel: "bare spawns",
        target: { minRatio: MIN_RATIO },
        ...(await alternateRounds(rounds, sandboxed, bare)),
        detail: `${rounds} rounds of ${execs} × /bin/true, ${concurrency} at once`,
      }),
    ];
  });
}

if (isMain(import.meta.url)) await runSandboxBench();
