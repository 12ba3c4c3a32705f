import fs from "node:fs";
import path from "node:path";
import canonicalize from "canonicalize";
import { z } from "zod";
import { parseWith } from "../domain/parse.js";
import { sha256Hex } from "../internal/sha256.js";

/** What a server says about one tool: the parts that are pinned. */
export interface OfferedTool {
  readonly name: string;
  readonly description: string;
  readonly inputSchema: Record<string, unknown>;
}

export const ToolPinSchema = z.object({
  /** SHA-256 of the RFC 8785 canonical JSON of `{name, description, inputSchema}`. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  description: z.string(),
  inputSchema: z.record(z.string(), z.unknown()),
  /** Approved although the injection guard flagged the description (`--force`). */
  forced: z.boolean().optional(),
});
export type ToolPin = z.infer<typeof ToolPinSchema>;

export const PinLockSchema = z.object({
  version: z.literal(1),
  /** `<server>/<tool>` -> pin. */
  tools: z.record(z.string(), ToolPinSchema),
});
export type PinLock = z.infer<typeof PinLockSchema>;

export function emptyLock(): PinLock {
  return { version: 1, tools: {} };
}

export function toolKey(server: string, tool: string): string {
  return `${server}/${tool}`;
}

function canonical(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error("canonicalize returned nothing for a tool definition");
  return text;
}

/** The pin hash of a tool: name, description and input schema. */
export function toolHash(tool: OfferedTool): string {
  return sha256Hex(
    canonical({ name: tool.name, description: tool.description, inputSchema: tool.inputSchema }),
  );
}

/** Reads the lock file; a missing file is an empty lock (nothing approved yet). */
export function readLock(file: string): PinLock {
  if (!fs.existsSync(file)) return emptyLock();
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    json = { invalid: (error as Error).message };
  }
  return parseWith(
    PinLockSchema,
    json,
    "MCP_CONFIG_INVALID",
    `MCP pin lock ${file} (restore it from version control, or delete it and run crosscheck mcp approve)`,
  );
}

/** Stable JSON: keys sorted at every level, two-space indent, trailing newline (diff-friendly). */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(JSON.parse(canonical(value)), sortedReplacer, 2)}\n`;
}

function sortedReplacer(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((k) => [k, record[k]]),
  );
}

/** Writes the lock atomically (temp file + rename), so a crash never leaves half a lock. */
export function writeLock(file: string, lock: PinLock): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, stableJson(lock));
  fs.renameSync(temp, file);
}
