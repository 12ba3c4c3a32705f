import crypto from "node:crypto";
import path from "node:path";
import canonicalize from "canonicalize";
import { type CrosscheckDatabase, openDatabase } from "../../../src/audit/database.js";
import type { NewEvent } from "../../../src/audit/events.js";
import { AuditLog } from "../../../src/audit/log.js";
import { generateKeyFiles, loadSigner, type NoteSigner } from "../../../src/security/keys.js";
import { tempDir } from "../../helpers/temp.js";

export interface TreeLogSetup {
  dir: string;
  file: string;
  database: CrosscheckDatabase;
  log: AuditLog;
  signer: NoteSigner;
  publicKeyPath: string;
  append(count: number, runId?: string): void;
}

/** A database file with a log that signs a checkpoint every `every` events, on a settable clock. */
export function setupTreeLog(options: { every?: number; name?: string } = {}): TreeLogSetup {
  const dir = tempDir();
  const file = path.join(dir, "crosscheck.db");
  const keys = generateKeyFiles(path.join(dir, "keys"), "log", options.name ?? "example.com/log");
  const signer = loadSigner(keys.privateKeyPath);
  const database = openDatabase(file);
  let now = Date.UTC(2025, 0, 31, 9, 0, 0);
  const log = new AuditLog(database, {
    clock: () => now++,
    checkpoints: { signer, every: options.every ?? 1000 },
  });
  let n = 0;
  return {
    dir,
    file,
    database,
    log,
    signer,
    publicKeyPath: keys.publicKeyPath,
    append: (count, runId = "run-1") => {
      const events: NewEvent[] = [];
      for (let i = 0; i < count; i++, n++) events.push(exportEvent(n, runId));
      log.append(events);
    },
  };
}

/** A small event of a kind without a projection (no foreign keys needed). */
export function exportEvent(n: number, runId: string): NewEvent {
  return {
    kind: "log.exported",
    key: `test:${n}`,
    runId,
    actor: { type: "human", id: `user-${n % 3}`, role: "exporter", authenticatedBy: "os-user" },
    payload: { format: "jsonl", filters: { note: `email-${n}@example.com` }, events: n },
  };
}

/**
 * The leaf hash of a stored event, recomputed here from the documented layout with the
 * `canonicalize` package (independent of src/): field digests SHA-256(salt || JCS(value)).
 */
export function referenceLeafHash(body: Record<string, unknown>, salts: Buffer): Buffer {
  const payload = body["payload"] as Record<string, unknown>;
  const fields: [string, unknown][] = [
    ...["actor", "caseId", "id", "kind", "node", "runId", "ts"].map((k): [string, unknown] => [k, body[k]]),
    ...Object.entries(payload).map(([k, v]): [string, unknown] => [`payload.${k}`, v]),
  ].sort(([a], [b]) => (a < b ? -1 : 1));
  const digests: Record<string, string> = {};
  fields.forEach(([name, value], i) => {
    const salt = salts.subarray(i * 16, (i + 1) * 16);
    digests[name] = crypto
      .createHash("sha256")
      .update(salt)
      .update(canonicalize(value) as string)
      .digest("hex");
  });
  const entry = canonicalize({ fields: digests, seq: body["seq"], v: 1 }) as string;
  return crypto
    .createHash("sha256")
    .update(Buffer.from([0]))
    .update(entry)
    .digest();
}
