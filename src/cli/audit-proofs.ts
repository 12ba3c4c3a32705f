import fs from "node:fs";
import type { Command } from "commander";
import { AuditLog } from "../audit/log.js";
import { buildBundle } from "../audit/merkle/bundle.js";
import { proveConsistency, proveInclusion } from "../audit/merkle/proofs.js";
import { CrosscheckError } from "../errors.js";
import { loadSigner } from "../security/keys.js";
import { verifyBundle } from "../verifier/bundle.js";
import { EXIT, globalOptions, type Io } from "./context.js";
import { withExistingDatabase } from "./existing-database.js";

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
      withExistingDatabase(db, (database) => {
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
      withExistingDatabase(db, (database) => {
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

  audit
    .command("bundle")
    .description(
      "Write a self-contained, offline-verifiable bundle of a run: events, signed checkpoints, proofs",
    )
    .requiredOption("--run <id>", "the run to bundle")
    .requiredOption("--out <file>", "where to write the bundle (JSON)")
    .option(
      "--redact <fields>",
      "comma-separated fields to leave out of every event (e.g. payload.output,actor)",
    )
    .option("--key <file>", "private key to sign a checkpoint now when none covers the run yet")
    .action((options: { run: string; out: string; redact?: string; key?: string }, command: Command) => {
      const { db } = globalOptions(command);
      const redactFields = (options.redact ?? "")
        .split(",")
        .map((f) => f.trim())
        .filter((f) => f !== "");
      withExistingDatabase(db, (database) => {
        if (options.key !== undefined) {
          new AuditLog(database, { checkpoints: { signer: loadSigner(options.key) } }).signCheckpoint();
        }
        const bundle = buildBundle(database, { runId: options.run, redactFields });
        try {
          fs.writeFileSync(options.out, `${JSON.stringify(bundle, null, 1)}\n`, { flag: "w" });
        } catch (error) {
          throw new CrosscheckError(
            "USAGE",
            `--out: cannot write ${options.out} (${(error as Error).message}): pick a writable path`,
            { cause: error },
          );
        }
        ctx.io.out(
          `bundled ${bundle.events.length} events (seq ${bundle.first}..${bundle.last}) with ${bundle.checkpoints.length} checkpoints to ${options.out}`,
        );
        ctx.setExit(EXIT.ok);
      });
    });

  audit
    .command("verify-bundle")
    .description(
      "Check a bundle offline against the log's public key; report what is redacted and what failed",
    )
    .argument("<file>", "a bundle written by `audit bundle`")
    .requiredOption("--pubkey <key>", "the log's verifier key, or a .pub file holding it")
    .action((file: string, options: { pubkey: string }, command: Command) => {
      const { json } = globalOptions(command);
      let bundle: unknown;
      try {
        bundle = JSON.parse(fs.readFileSync(file, "utf8"));
      } catch (error) {
        throw new CrosscheckError(
          "USAGE",
          `cannot read bundle ${file} (${(error as Error).message}): pass a file written by \`crosscheck audit bundle\``,
          { cause: error },
        );
      }
      const key = fs.existsSync(options.pubkey) ? fs.readFileSync(options.pubkey, "utf8") : options.pubkey;
      const report = verifyBundle(bundle, key);
      if (json) ctx.io.out(JSON.stringify(report, null, 2));
      else {
        const cp = report.checkpoint;
        if (cp !== undefined) ctx.io.out(`checkpoint: ${cp.origin}, ${cp.size} events, root ${cp.root}`);
        ctx.io.out(`${report.events.length} events disclosed`);
        for (const r of report.redacted) {
          ctx.io.out(
            `redacted: event ${r.seq}${r.fields === "event" ? " (whole event)" : `: ${r.fields.join(", ")}`}`,
          );
        }
        for (const f of report.failures) ctx.io.out(`FAILED ${f.where}: ${f.reason}`);
        ctx.io.out(report.ok ? "ok" : "TAMPERED");
      }
      ctx.setExit(report.ok ? EXIT.ok : EXIT.tampered);
    });
}

function wholeNumber(name: string, value: string): number {
  if (!/^\d+$/.test(value))
    throw new CrosscheckError("USAGE", `${name}: "${value}" is not a whole number of events`);
  return Number(value);
}
