import fs from "node:fs";
import type { Command } from "commander";
import { openDatabase } from "../audit/database.js";
import { proveConsistency, proveInclusion } from "../audit/merkle/proofs.js";
import { CrosscheckError } from "../errors.js";
import { EXIT, globalOptions, type Io } from "./context.js";

export interface AuditProofsContext {
  io: Io;
  setExit(code: number): void;
}

/** `crosscheck audit prove | consistency | bundle | verify-bundle`: the Merkle tree's proofs. */
export function registerAuditProofs(audit: Command, ctx: AuditProofsContext): void {
  audit
    .command("prove")
    .description("Print an RFC 6962 inclusion proof of an event (by id or seq) in the log's Merkle tree")
    .argument("<event-id>", "an event id (or its seq)")
    .option("--size <n>", "tree size to prove against (default: the latest checkpoint holding the event)")
    .action((event: string, options: { size?: string }, command: Command) => {
      const { db, json } = globalOptions(command);
      const size = options.size === undefined ? undefined : wholeNumber("--size", options.size);
      withDatabase(db, (database) => {
        const proof = proveInclusion(database, event, size);
        if (json) ctx.io.out(JSON.stringify(proof, null, 2));
        else {
          ctx.io.out(
            `event ${proof.eventId} (seq ${proof.seq}, leaf ${proof.leafIndex}) in tree of size ${proof.treeSize}`,
          );
          ctx.io.out(`leaf hash ${proof.leafHash}`);
          ctx.io.out(`root hash ${proof.rootHash}`);
          for (const hash of proof.proof) ctx.io.out(`  ${hash}`);
          if (proof.checkpoint !== undefined) ctx.io.out(`signed checkpoint:\n${proof.checkpoint.trimEnd()}`);
        }
        ctx.setExit(EXIT.ok);
      });
    });

  audit
    .command("consistency")
    .description(
      "Print an RFC 6962 consistency proof: the log of <old> events is a prefix of the log of <new> events",
    )
    .argument("<old>", "older tree size")
    .argument("<new>", "newer tree size")
    .action((oldSize: string, newSize: string, _options: unknown, command: Command) => {
      const { db, json } = globalOptions(command);
      const from = wholeNumber("<old>", oldSize);
      const to = wholeNumber("<new>", newSize);
      withDatabase(db, (database) => {
        const proof = proveConsistency(database, from, to);
        if (json) ctx.io.out(JSON.stringify(proof, null, 2));
        else {
          ctx.io.out(`tree ${proof.oldSize} -> ${proof.newSize}`);
          ctx.io.out(`old root ${proof.oldRoot}`);
          ctx.io.out(`new root ${proof.newRoot}`);
          for (const hash of proof.proof) ctx.io.out(`  ${hash}`);
        }
        ctx.setExit(EXIT.ok);
      });
    });
}

function wholeNumber(name: string, value: string): number {
  if (!/^\d+$/.test(value))
    throw new CrosscheckError("USAGE", `${name}: "${value}" is not a whole number of events`);
  return Number(value);
}

function withDatabase(file: string, use: (database: ReturnType<typeof openDatabase>) => void): void {
  if (!fs.existsSync(file)) {
    throw new CrosscheckError("USAGE", `no audit database at ${file}: run a workflow first or pass --db`);
  }
  const database = openDatabase(file);
  try {
    use(database);
  } finally {
    database.close();
  }
}
