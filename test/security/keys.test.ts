import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSigner, parseVerifierKey } from "../../src/security/keys.js";
import { cli } from "../helpers/cli.js";
import { tempDir } from "../helpers/temp.js";

describe("crosscheck keys generate", () => {
  it("writes a 0600 private key that is never printed and a public key that verifies its signatures", async () => {
    const dir = tempDir();
    const result = await cli([
      "--db",
      path.join(dir, "c.db"),
      "keys",
      "generate",
      "--name",
      "example.com/log",
    ]);
    expect(result.code).toBe(0);
    const keyFile = path.join(dir, "keys", "log.key");
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    const secret = fs.readFileSync(keyFile, "utf8").trim().split("+").slice(4).join("+");
    expect(result.stdout + result.stderr).not.toContain(secret);
    const signer = loadSigner(keyFile);
    const verifier = parseVerifierKey(path.join(dir, "keys", "log.pub"));
    const message = Buffer.from("hello\n");
    expect(verifier.verify(message, signer.sign(message))).toBe(true);
    expect(verifier.verify(Buffer.from("hellp\n"), signer.sign(message))).toBe(false);
  });

  it("never overwrites a key, and refuses a private key others can read, saying how to fix it", async () => {
    const dir = tempDir();
    const db = path.join(dir, "c.db");
    expect((await cli(["--db", db, "keys", "generate"])).code).toBe(0);
    const again = await cli(["--db", db, "keys", "generate"]);
    expect([again.code, again.stderr]).toEqual([
      2,
      expect.stringContaining("already exists: keys are never overwritten"),
    ]);
    const keyFile = path.join(dir, "keys", "log.key");
    fs.chmodSync(keyFile, 0o644);
    expect(() => loadSigner(keyFile)).toThrow(/can be read by other users \(mode 644\): run `chmod 600/);
  });
});
