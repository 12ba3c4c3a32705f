import { randomUUID } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { type AIMessage, AIMessageChunk, type AIMessageChunkFields } from "@langchain/core/messages";
import canonicalize from "canonicalize";
import { z } from "zod";
import { CrosscheckError } from "../../errors.js";
import {
  type CanonicalRequest,
  CanonicalRequestSchema,
  requestDifferences,
  requestKey,
  toJson,
} from "./canonical-request.js";

/** Bumped when the file layout changes; older files are rejected with "re-record". */
export const CASSETTE_VERSION = 1;

const JsonSchema = z.json();
const JsonRecordSchema = z.record(z.string(), JsonSchema);

/** An AIMessage as stored: everything an agent reads from a model answer. */
export const StoredMessageSchema = z.object({
  content: z.union([z.string(), z.array(JsonSchema)]),
  tool_calls: z
    .array(z.object({ id: z.string().optional(), name: z.string(), args: JsonRecordSchema }))
    .optional(),
  invalid_tool_calls: z.array(JsonRecordSchema).optional(),
  usage_metadata: z
    .object({ input_tokens: z.number(), output_tokens: z.number(), total_tokens: z.number() })
    .catchall(JsonSchema)
    .optional(),
  response_metadata: JsonRecordSchema.optional(),
  additional_kwargs: JsonRecordSchema.optional(),
  id: z.string().optional(),
  name: z.string().optional(),
});
export type StoredMessage = z.infer<typeof StoredMessageSchema>;

export const CassetteEntrySchema = z.object({
  key: z.string().regex(/^[0-9a-f]{64}$/),
  request: CanonicalRequestSchema,
  response: StoredMessageSchema,
  recordedAt: z.iso.datetime(),
});
export type CassetteEntry = z.infer<typeof CassetteEntrySchema>;

const CassetteFileSchema = z.object({
  version: z.literal(CASSETTE_VERSION),
  entries: z.array(CassetteEntrySchema),
});

export interface CassetteOptions {
  /** Clock for `recordedAt`. Default: the system clock. */
  now?: () => Date;
}

/** The recorded entry nearest to a request that has none, and what differs. */
export interface NearestEntry {
  entry: CassetteEntry;
  differences: string[];
}

/**
 * A file of recorded model exchanges (request hash -> response) for one scenario case, next
 * to its suite (`scenarios/<suite>/recordings/<case>.json`). Written pretty-printed with
 * sorted keys and entries, atomically (temp file + rename), so identical content gives a
 * byte-identical file and diffs read well in git.
 */
export class Cassette {
  readonly file: string;
  /** Whether the file existed when loaded. */
  readonly existed: boolean;
  readonly #entries: Map<string, CassetteEntry>;
  readonly #touched = new Set<string>();
  readonly #now: () => Date;
  #saving: Promise<void> = Promise.resolve();

  private constructor(file: string, entries: CassetteEntry[], existed: boolean, options: CassetteOptions) {
    this.file = file;
    this.existed = existed;
    this.#entries = new Map(entries.map((entry) => [entry.key, entry]));
    this.#now = options.now ?? (() => new Date());
  }

  /** Reads a cassette; a missing file is an empty cassette (nothing recorded yet). */
  static async load(file: string, options: CassetteOptions = {}): Promise<Cassette> {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return new Cassette(file, [], false, options);
      throw error;
    }
    return new Cassette(file, parseCassette(file, text), true, options);
  }

  /** An empty cassette for `file`, not read from disk (tests, or re-recording from scratch). */
  static empty(file: string, options: CassetteOptions = {}): Cassette {
    return new Cassette(file, [], false, options);
  }

  get size(): number {
    return this.#entries.size;
  }

  entries(): CassetteEntry[] {
    return [...this.#entries.values()].sort((a, b) => a.key.localeCompare(b.key));
  }

  /** The entry recorded for exactly this request, if any. */
  lookup(request: CanonicalRequest): CassetteEntry | undefined {
    const key = requestKey(request);
    const entry = this.#entries.get(key);
    if (entry !== undefined) this.#touched.add(key);
    return entry;
  }

  /**
   * Stores the exchange, replacing an entry with the same request. An identical exchange
   * keeps its `recordedAt`, so re-recording unchanged calls does not touch the file.
   */
  record(request: CanonicalRequest, response: AIMessage): CassetteEntry {
    const key = requestKey(request);
    const stored = toStoredMessage(response);
    const previous = this.#entries.get(key);
    this.#touched.add(key);
    if (previous !== undefined && canonicalize(previous.response) === canonicalize(stored)) return previous;
    const entry: CassetteEntry = {
      key,
      request: toJson("request", request) as CanonicalRequest,
      response: stored,
      recordedAt: this.#now().toISOString(),
    };
    this.#entries.set(key, entry);
    return entry;
  }

  /**
   * The entry most like `request` among those not yet looked up or recorded in this run (a
   * changed prompt leaves its old entry unused), or undefined when every entry was used.
   */
  nearest(request: CanonicalRequest): NearestEntry | undefined {
    let best: NearestEntry | undefined;
    for (const entry of this.entries()) {
      if (this.#touched.has(entry.key)) continue;
      const differences = requestDifferences(entry.request, request);
      if (best === undefined || differences.length < best.differences.length) best = { entry, differences };
    }
    return best;
  }

  /** Entries neither looked up nor recorded since load. */
  unused(): CassetteEntry[] {
    return this.entries().filter((entry) => !this.#touched.has(entry.key));
  }

  /** Drops unused entries (after a full re-record of the case); returns how many. */
  prune(): number {
    const stale = this.unused();
    for (const entry of stale) this.#entries.delete(entry.key);
    return stale.length;
  }

  /** The file's text: pretty, keys and entries sorted, newline-terminated. */
  serialize(): string {
    return `${JSON.stringify(sortKeys({ version: CASSETTE_VERSION, entries: this.entries() }), null, 2)}\n`;
  }

  /**
   * Writes the cassette atomically. Saves are queued, and each writes the state at its turn,
   * so concurrent saves from parallel model calls cannot leave an older state on disk.
   */
  save(): Promise<void> {
    const next = this.#saving.then(() => writeAtomically(this.file, this.serialize()));
    this.#saving = next.catch(() => undefined);
    return next;
  }
}

export function toStoredMessage(message: AIMessage): StoredMessage {
  const stored: Record<string, unknown> = {
    content: message.content,
    response_metadata: message.response_metadata,
    additional_kwargs: message.additional_kwargs,
  };
  if (message.tool_calls !== undefined && message.tool_calls.length > 0) {
    stored["tool_calls"] = message.tool_calls.map(({ id, name, args }) => ({ id, name, args }));
  }
  if (message.invalid_tool_calls !== undefined && message.invalid_tool_calls.length > 0) {
    stored["invalid_tool_calls"] = message.invalid_tool_calls;
  }
  if (message.usage_metadata !== undefined) stored["usage_metadata"] = message.usage_metadata;
  if (message.id !== undefined) stored["id"] = message.id;
  if (message.name !== undefined) stored["name"] = message.name;
  return StoredMessageSchema.parse(toJson("response", stored));
}

/**
 * The stored answer as the AIMessageChunk a chat model's `invoke()` returns (what LangChain's
 * `withStructuredOutput` parser requires), with tool call chunks so `concat()` keeps the calls.
 */
export function fromStoredMessage(stored: StoredMessage): AIMessageChunk {
  const toolCalls = stored.tool_calls ?? [];
  const fields = {
    content: stored.content,
    tool_calls: toolCalls.map((call) => ({ ...call, type: "tool_call" })),
    tool_call_chunks: toolCalls.map((call, index) => ({
      ...call,
      args: JSON.stringify(call.args),
      index,
      type: "tool_call_chunk",
    })),
    invalid_tool_calls: stored.invalid_tool_calls ?? [],
    response_metadata: stored.response_metadata ?? {},
    additional_kwargs: stored.additional_kwargs ?? {},
    ...(stored.usage_metadata === undefined ? {} : { usage_metadata: stored.usage_metadata }),
    ...(stored.id === undefined ? {} : { id: stored.id }),
    ...(stored.name === undefined ? {} : { name: stored.name }),
  };
  // The schema checked the shape; LangChain's field types are stricter than JSON.
  return new AIMessageChunk(fields as unknown as AIMessageChunkFields);
}

function parseCassette(file: string, text: string): CassetteEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw invalid(file, `it is not JSON (${(error as Error).message})`, error);
  }
  const parsed = CassetteFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? "" : ` at ${issue.path.join(".")}`;
    throw invalid(file, `${issue?.message ?? "invalid"}${where}`, parsed.error);
  }
  for (const [index, entry] of parsed.data.entries.entries()) {
    if (requestKey(entry.request) !== entry.key) {
      throw invalid(file, `entries.${index}.key is not the sha256 of its request (edited by hand?)`);
    }
  }
  return parsed.data.entries;
}

function invalid(file: string, problem: string, cause?: unknown): CrosscheckError {
  return new CrosscheckError(
    "SUITE_INVALID",
    `Recording ${file} is unreadable: ${problem}. Delete it and re-record with --update-recordings.`,
    { cause },
  );
}

async function writeAtomically(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  try {
    await writeFile(temp, text, "utf8");
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== "object" || value === null) return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((key) => [key, sortKeys(record[key])]),
  );
}
