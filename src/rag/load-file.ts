import fs from "node:fs";
import path from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { LabelSchema } from "./store.js";

/** Files larger than this are skipped unless the limit is raised (bytes). */
export const DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024;

/** One document read from a file: a whole text file, or one JSON value / JSONL line / CSV row. */
export interface LoadedDocument {
  text: string;
  /** "line 3", "row 2", "item 0"; undefined for a whole file. */
  locator?: string;
  labels: string[];
}

export interface LoadOptions {
  /** Field holding the text in JSON, JSONL and CSV documents. */
  jsonField?: string;
  /** Field holding a document's labels (an array or a comma-separated string). */
  labelsField?: string;
  maxBytes?: number;
}

export type LoadResult =
  | { ok: true; kind: FileKind; bytes: Buffer; documents: LoadedDocument[] }
  | { ok: false; reason: string };

export type FileKind = "markdown" | "text" | "json" | "jsonl" | "csv";

const KINDS: Record<string, FileKind> = {
  ".md": "markdown",
  ".markdown": "markdown",
  ".txt": "text",
  ".json": "json",
  ".jsonl": "jsonl",
  ".ndjson": "jsonl",
  ".csv": "csv",
};

/** Reads and parses one file, or says why it is skipped. Never throws for a bad file. */
export function loadFile(file: string, options: LoadOptions = {}): LoadResult {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".pdf")
    return {
      ok: false,
      reason: "PDF is not supported yet (no Node-20 PDF parser is bundled): convert it to text first",
    };
  const kind = KINDS[ext] ?? "text";
  let bytes: Buffer;
  try {
    const size = fs.statSync(file).size;
    const max = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
    if (size > max)
      return { ok: false, reason: `too big (${size} bytes, limit ${max}): split it or raise --max-bytes` };
    bytes = fs.readFileSync(file);
  } catch (error) {
    return {
      ok: false,
      reason: `unreadable (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    };
  }
  if (bytes.length === 0) return { ok: false, reason: "empty" };
  const text = decodeText(bytes);
  if (text === null) return { ok: false, reason: "binary (not UTF-8 text)" };
  if (text.trim().length === 0) return { ok: false, reason: "empty (whitespace only)" };
  try {
    const documents = parseDocuments(kind, text, options);
    if (documents.length === 0) return { ok: false, reason: "empty (no documents with text)" };
    return { ok: true, kind, bytes, documents };
  } catch (error) {
    if (error instanceof DocumentError) return { ok: false, reason: error.message };
    throw error;
  }
}

class DocumentError extends Error {}

function decodeText(bytes: Buffer): string | null {
  if (bytes.subarray(0, 8192).includes(0)) return null;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    return null;
  }
}

function parseDocuments(kind: FileKind, text: string, options: LoadOptions): LoadedDocument[] {
  switch (kind) {
    case "markdown":
    case "text":
      return [{ text, labels: [] }];
    case "jsonl":
      return text.split(/\r?\n/).flatMap((line, index) => {
        if (line.trim().length === 0) return [];
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch {
          throw new DocumentError(`invalid JSON on line ${index + 1}`);
        }
        return [fromRecord(value, `line ${index + 1}`, options)];
      });
    case "json": {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        throw new DocumentError(`invalid JSON (${(error as Error).message})`);
      }
      const items = Array.isArray(value) ? value : [value];
      return items.map((item, index) => fromRecord(item, `item ${index}`, options));
    }
    case "csv": {
      let rows: Record<string, string>[];
      try {
        rows = parseCsv(text, { columns: true, skip_empty_lines: true, bom: true }) as Record<
          string,
          string
        >[];
      } catch (error) {
        throw new DocumentError(`invalid CSV (${(error as Error).message})`);
      }
      return rows.map((row, index) => fromRecord(row, `row ${index + 1}`, options));
    }
  }
}

/** A JSON value or CSV row as a document: the chosen field, or every field as "key: value" lines. */
function fromRecord(value: unknown, locator: string, options: LoadOptions): LoadedDocument {
  if (typeof value === "string") return { text: value, locator, labels: [] };
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new DocumentError(
      `${locator}: expected an object or a string, got ${Array.isArray(value) ? "an array" : typeof value}`,
    );
  }
  const record = value as Record<string, unknown>;
  let text: string;
  if (options.jsonField !== undefined) {
    const field = record[options.jsonField];
    if (typeof field !== "string") {
      throw new DocumentError(
        `${locator}: field "${options.jsonField}" is missing or not a string (--json-field)`,
      );
    }
    text = field;
  } else {
    text = Object.entries(record)
      .filter(([key]) => key !== options.labelsField)
      .map(([key, v]) => `${key}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
      .join("\n");
  }
  return { text, locator, labels: recordLabels(record, locator, options.labelsField) };
}

function recordLabels(record: Record<string, unknown>, locator: string, field: string | undefined): string[] {
  if (field === undefined || record[field] === undefined || record[field] === "") return [];
  const raw = record[field];
  const labels = Array.isArray(raw)
    ? raw
    : typeof raw === "string"
      ? raw.split(",").map((l) => l.trim())
      : null;
  if (labels === null || !labels.every((l) => typeof l === "string" && LabelSchema.safeParse(l).success)) {
    throw new DocumentError(
      `${locator}: field "${field}" must hold labels (lowercase words, an array or "a,b"), got ${JSON.stringify(raw)}`,
    );
  }
  return labels as string[];
}
