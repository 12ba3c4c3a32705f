import fs from "node:fs";
import path from "node:path";
import type { McpGatewayConfig } from "../../src/mcp/config.js";
import { tempDir } from "../helpers/temp.js";

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
