/**
 * Runs every benchmark in sequence and prints a summary table. Each one is also runnable alone
 * (`npx tsx bench/verify.ts`). Numbers are throughput; the ratios against baselines measured in
 * the same run are what to compare across machines. Nothing here fails on a timing.
 */
import { bwrapStatus } from "../src/sandbox/bwrap.js";
import { runAppendBench } from "./append.js";
import { runMcpBench } from "./mcp.js";
import { runMerkleBench } from "./merkle.js";
import { runPipelineBench } from "./pipeline.js";
import { runRetrievalBench } from "./retrieval.js";
import { runSandboxBench } from "./sandbox.js";
import type { BenchResult } from "./support.js";
import { summaryTable } from "./support.js";
import { runVerifyBench } from "./verify.js";

const started = performance.now();
const results: BenchResult[] = [];
const benches = [
  runPipelineBench,
  runAppendBench,
  runVerifyBench,
  runMerkleBench,
  runRetrievalBench,
  runMcpBench,
];
const sandbox = bwrapStatus();
if (sandbox.ok) benches.push(runSandboxBench);
else console.log(`skipping the sandbox bench: ${sandbox.reason}\n`);
for (const bench of benches) {
  results.push(...(await bench()));
  console.log("");
}
console.log(summaryTable(results));
console.log(
  `\n${results.length} results in ${((performance.now() - started) / 1000).toFixed(0)} s (node ${process.version})`,
);
