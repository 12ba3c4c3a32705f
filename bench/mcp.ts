/**
 * What the MCP gateway's checks cost per call: `gateway.call` (pin check, Ajv validation, size
 * cap, injection scan, audit event) against the MCP SDK's bare `Client.callTool` on a second
 * session of the same stdio server, measured in the same run. Run: `npx tsx bench/mcp.ts`.
 */
import fs from "node:fs";
import path from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { openDatabase } from "../src/audit/database.js";
import { AuditLog } from "../src/audit/log.js";
import { approveTools } from "../src/mcp/approve.js";
import { McpGateway } from "../src/mcp/gateway.js";
import { type BenchResult, formatRate, median, rate, withTempDir } from "./support.js";

const CALLS = 300;
const ROUNDS = 5;
const SERVER = path.join(import.meta.dirname, "../test/fixtures/mcp/stdio-server.ts");
const ARGS = ["--import", "tsx", SERVER];

export async function runMcpBench(): Promise<BenchResult[]> {
  return withTempDir("mcp", async (dir) => {
    const configFile = path.join(dir, "crosscheck.mcp.json");
    fs.writeFileSync(
      configFile,
      JSON.stringify({ servers: { local: { command: process.execPath, args: ARGS, tools: ["echo"] } } }),
    );
    const database = openDatabase(path.join(dir, "bench.db"));
    const checksOnly = await McpGateway.open({ config: configFile });
    approveTools(checksOnly);
    await checksOnly.refresh();
    const logged = await McpGateway.open({
      config: configFile,
      log: new AuditLog(database, { checkpoints: false }),
    });
    const client = new Client({ name: "bench", version: "1" });
    await client.connect(
      new StdioClientTransport({ command: process.execPath, args: ARGS, stderr: "ignore" }),
    );
    const text = "The quarterly report is attached; totals match the ledger. ".repeat(8);
    const runs = { bare: [] as number[], checks: [] as number[], logged: [] as number[] };
    const loop = (fn: () => Promise<unknown>) =>
      rate(CALLS, async () => {
        for (let i = 0; i < CALLS; i++) await fn();
      });
    try {
      for (let round = 0; round < ROUNDS; round++) {
        runs.bare.push(await loop(() => client.callTool({ name: "echo", arguments: { text } })));
        runs.checks.push(await loop(() => checksOnly.call("local", "echo", { text })));
        runs.logged.push(await loop(() => logged.call("local", "echo", { text })));
      }
    } finally {
      await client.close();
      await checksOnly.close();
      await logged.close();
      database.close();
    }
    const baseline = median(runs.bare);
    const result = (name: string, ours: number, floor: number): BenchResult => ({
      name,
      ours,
      baseline,
      unit: "calls/s",
      baselineLabel: "bare SDK Client.callTool",
      ratio: ours / baseline,
      target: `ratio >= ${floor.toFixed(2)}`,
      met: ours / baseline >= floor,
    });
    const results = [
      result("mcp gateway call (checks)", median(runs.checks), 0.5),
      result("mcp gateway call (checks + audit log)", median(runs.logged), 0.25),
    ];
    for (const r of results) {
      console.log(
        `${r.name}: ${formatRate(r.ours)} calls/s vs bare SDK ${formatRate(r.baseline)} calls/s = ${r.ratio.toFixed(2)}x (target ${r.target}; stdio, ${CALLS} calls x ${ROUNDS} rounds, medians)`,
      );
    }
    return results;
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await runMcpBench();
