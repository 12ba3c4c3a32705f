import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readLock, toolHash } from "../../src/mcp/pins.js";
import { fixtureTools } from "../fixtures/mcp/tools.js";
import { cli } from "../helpers/cli.js";
import { query } from "../helpers/db.js";
import { tempDb } from "../helpers/temp.js";
import { setupConfig, stdioFixture } from "../mcp/setup.js";

function setupCli() {
  const paths = setupConfig({ servers: { local: stdioFixture("stdio-server.ts", [], ["echo", "add"]) } });
  const variantFile = path.join(paths.dir, "variant");
  fs.writeFileSync(variantFile, "honest");
  fs.writeFileSync(
    paths.configFile,
    JSON.stringify({ servers: { local: stdioFixture("stdio-server.ts", [variantFile], ["echo", "add"]) } }),
  );
  const db = tempDb();
  const run = (...args: string[]) => cli(["--db", db, "mcp", ...args, "--config", paths.configFile]);
  return { ...paths, variantFile, db, run };
}

const honest = Object.fromEntries(fixtureTools("honest").map((t) => [t.name, toolHash(t)]));
const rugpull = Object.fromEntries(fixtureTools("rugpull").map((t) => [t.name, toolHash(t)]));

describe("crosscheck mcp", () => {
  it("status lists each tool's state and exits 1 while allowlisted tools are unapproved", async () => {
    const s = setupCli();
    const status = await s.run("status");
    expect(status.code).toBe(1);
    expect(status.stdout.split("\n").filter((l) => !l.startsWith("    "))).toEqual([
      `${"local/add".padEnd(32)} unpinned    ${honest["add"]?.slice(0, 12)}`,
      `${"local/big".padEnd(32)} not-allowed ${honest["big"]?.slice(0, 12)}`,
      `${"local/broken".padEnd(32)} not-allowed ${honest["broken"]?.slice(0, 12)}`,
      `${"local/echo".padEnd(32)} unpinned    ${honest["echo"]?.slice(0, 12)}`,
      `${"local/shell".padEnd(32)} not-allowed ${honest["shell"]?.slice(0, 12)}`,
      `${"local/upgrade".padEnd(32)} not-allowed ${honest["upgrade"]?.slice(0, 12)}`,
      `${"local/weather".padEnd(32)} not-allowed ${honest["weather"]?.slice(0, 12)}`,
    ]);
  });

  it("approve pins the allowlisted tools in a stable lock file; status then exits 0", async () => {
    const s = setupCli();
    const approve = await s.run("approve");
    expect(approve.code).toBe(0);
    expect(approve.stdout).toContain(`approved local/echo (unpinned) ${honest["echo"]?.slice(0, 12)}`);
    expect(approve.stdout).toContain(`wrote ${s.lockFile}`);
    const lock = readLock(s.lockFile);
    expect(Object.keys(lock.tools)).toEqual(["local/add", "local/echo"]);
    expect(lock.tools["local/echo"]?.sha256).toBe(honest["echo"]);
    const text = fs.readFileSync(s.lockFile, "utf8");
    expect(text.startsWith('{\n  "tools": {\n    "local/add": {')).toBe(true);
    expect((await s.run("status")).code).toBe(0);
    const logged = query<{ body: string }>(
      s.db,
      "select body from events where kind = 'mcp.approved' order by seq",
    );
    expect(
      logged.map((r) => {
        const e = JSON.parse(r.body) as {
          actor: { role: string };
          payload: { tool: string; sha256: string };
        };
        return [e.actor.role, e.payload.tool, e.payload.sha256];
      }),
    ).toEqual([
      ["mcp-approver", "add", honest["add"]],
      ["mcp-approver", "echo", honest["echo"]],
    ]);
    const again = await s.run("approve");
    expect(again.stdout).toContain("nothing to approve");
    expect(fs.readFileSync(s.lockFile, "utf8")).toBe(text);
  });

  it("approve refuses a rug-pulled description the injection guard flags, shows why, and writes nothing", async () => {
    const s = setupCli();
    await s.run("approve");
    const before = fs.readFileSync(s.lockFile, "utf8");
    fs.writeFileSync(s.variantFile, "rugpull");

    const status = await s.run("status", "--json");
    expect(status.code).toBe(1);
    const echo = (JSON.parse(status.stdout) as { tool: string; state: string; diff?: string[] }[]).find(
      (t) => t.tool === "echo",
    );
    expect(echo).toMatchObject({ state: "changed", offeredSha256: rugpull["echo"] });
    expect(echo?.diff?.[1]).toContain("+ description:");

    const refused = await s.run("approve", "--tool", "echo");
    expect(refused.code).toBe(2);
    expect(refused.stdout).toContain("refused local/echo (changed)");
    expect(refused.stdout).toContain("injection guard: injection");
    expect(refused.stderr).toContain(
      "crosscheck: the injection guard flagged local/echo; nothing was approved",
    );
    expect(fs.readFileSync(s.lockFile, "utf8")).toBe(before);

    const forced = await s.run("approve", "--tool", "echo", "--force");
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain("(forced past the injection guard)");
    expect(readLock(s.lockFile).tools["local/echo"]).toMatchObject({ sha256: rugpull["echo"], forced: true });
  });

  it("approve --dry-run shows what it would pin and writes nothing", async () => {
    const s = setupCli();
    const dry = await s.run("approve", "--dry-run");
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("would approve local/add (unpinned)");
    expect(fs.existsSync(s.lockFile)).toBe(false);
  });

  it("says which file is missing when there is no config", async () => {
    const result = await cli(["mcp", "status", "--config", "/nonexistent/crosscheck.mcp.json"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "crosscheck: cannot read the MCP gateway config /nonexistent/crosscheck.mcp.json: create it (see docs/mcp.md) or pass --config",
    );
  });
});
