import fs from "node:fs";
import path from "node:path";
import { openDatabase } from "../../src/audit/database.js";
import { AuditLog } from "../../src/audit/log.js";
import type { McpGatewayConfig } from "../../src/mcp/config.js";
import { tempDb, tempDir } from "../helpers/temp.js";

export const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/mcp");

/** A stdio server entry that runs a fixture script through tsx. */
export function stdioFixture(
  script: string,
  args: string[] = [],
  tools = ["echo", "add", "weather", "big", "broken"],
) {
  return {
    command: process.execPath,
    args: ["--import", "tsx", path.join(FIXTURES, script), ...args],
    tools,
  };
}

/** A temp folder with a crosscheck.mcp.json holding `config`; returns the folder and file paths. */
export function setupConfig(config: McpGatewayConfig) {
  const dir = tempDir("crosscheck-mcp-");
  const configFile = path.join(dir, "crosscheck.mcp.json");
  fs.writeFileSync(configFile, JSON.stringify(config, null, 2));
  return { dir, configFile, lockFile: path.join(dir, "crosscheck.mcp.lock.json") };
}

/** A fresh audit database and log; `events()` reads back `{kind, payload}` of every event. */
export function setupAuditLog() {
  const database = openDatabase(tempDb());
  const log = new AuditLog(database, { checkpoints: false });
  return {
    database,
    log,
    events(kindPrefix = "mcp.") {
      const bodies = database.sqlite
        .prepare("SELECT body FROM events ORDER BY seq")
        .pluck()
        .all() as string[];
      return bodies
        .map((b) => JSON.parse(b) as { kind: string; payload: Record<string, unknown> })
        .filter((e) => e.kind.startsWith(kindPrefix))
        .map((e) => ({ kind: e.kind, payload: e.payload }));
    },
  };
}
