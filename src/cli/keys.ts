import path from "node:path";
import type { Command } from "commander";
import { generateKeyFiles } from "../security/keys.js";
import { EXIT, globalOptions, type Io } from "./context.js";

export interface KeysCommandContext {
  io: Io;
  setExit(code: number): void;
}

/** `crosscheck keys generate`: an ed25519 key pair (private key mode 0600, never printed). */
export function registerKeys(program: Command, ctx: KeysCommandContext): void {
  const keys = program.command("keys").description("Signing keys for checkpoints and agent manifests");
  keys
    .command("generate")
    .description("Create an ed25519 key pair: <out>/<file>.key (mode 0600) and <out>/<file>.pub")
    .option("--name <name>", "key name: the log's origin in checkpoints", "crosscheck-log")
    .option("--out <dir>", "folder for the key files (default: keys/ beside the database)")
    .option("--file <base>", "file name without extension", "log")
    .action((options: { name: string; out?: string; file: string }, command: Command) => {
      const { db } = globalOptions(command);
      const dir = options.out ?? path.join(path.dirname(db), "keys");
      const written = generateKeyFiles(dir, options.file, options.name);
      ctx.io.out(`private key: ${written.privateKeyPath} (mode 0600; keep it secret)`);
      ctx.io.out(`public key:  ${written.publicKeyPath}`);
      ctx.io.out(written.verifierKey);
      ctx.setExit(EXIT.ok);
    });
}
