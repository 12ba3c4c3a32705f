import fs from "node:fs";
import { text as readText } from "node:stream/consumers";
import type { Command } from "commander";
import { CrosscheckError } from "../errors.js";
import { DEFAULT_THRESHOLD, type GuardResult, type ScanContext, scanText } from "../guard/scan.js";
import { EXIT, globalOptions } from "./context.js";
import { safeText } from "./format.js";
import type { CommandContext } from "./main.js";

const CONTEXTS: readonly ScanContext[] = [
  "evidence",
  "tool-result",
  "tool-description",
  "prompt",
  "document",
];
const DEFAULT_FIELD = "text";

interface GuardFlags {
  jsonl?: boolean;
  field?: string;
  threshold?: string;
  context?: string;
}

/** One text to scan and how to name it in the output. */
interface Item {
  label: string;
  line?: number;
  id?: string;
  text: string;
}

function parseThreshold(value: string | undefined): number {
  if (value === undefined) return DEFAULT_THRESHOLD;
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n <= 0 || n > 1) {
    throw new CrosscheckError("USAGE", `--threshold must be a number in (0, 1], got "${value}"`);
  }
  return n;
}

function parseContext(value: string | undefined): ScanContext | undefined {
  if (value === undefined) return undefined;
  if (!(CONTEXTS as readonly string[]).includes(value)) {
    throw new CrosscheckError("USAGE", `--context must be one of ${CONTEXTS.join(", ")}, got "${value}"`);
  }
  return value as ScanContext;
}

async function readInput(file: string, stdin: NodeJS.ReadableStream): Promise<string> {
  if (file === "-") return readText(stdin);
  try {
    return fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new CrosscheckError(
      "INPUT_INVALID",
      `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): pass a readable file, or - for stdin`,
      { cause: error },
    );
  }
}

/** Every non-empty JSONL line's `field`; any bad line fails the whole input before anything is printed. */
export function jsonlItems(content: string, field: string, where: string): Item[] {
  const items: Item[] = [];
  content.split("\n").forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === "") return;
    let row: unknown;
    try {
      row = JSON.parse(raw);
    } catch (error) {
      throw new CrosscheckError(
        "INPUT_INVALID",
        `${where} line ${line} is not valid JSON (${(error as Error).message}): give one JSON object a line`,
      );
    }
    const value =
      typeof row === "object" && row !== null ? (row as Record<string, unknown>)[field] : undefined;
    if (typeof value !== "string") {
      throw new CrosscheckError(
        "INPUT_INVALID",
        `${where} line ${line} has no string field "${field}": name the field holding the text with --field`,
      );
    }
    const id = (row as Record<string, unknown>)["id"];
    items.push({ label: `line ${line}`, line, ...(typeof id === "string" ? { id } : {}), text: value });
  });
  return items;
}

function textLines(item: Item, result: GuardResult, many: boolean): string[] {
  const name = item.id === undefined ? item.label : `${item.label} (${safeText(item.id)})`;
  const head = `${result.verdict} ${result.score.toFixed(3)}${many ? ` ${name}` : ""}`;
  if (many) {
    const rules = [...new Set(result.signals.map((s) => s.ruleId))];
    return [rules.length > 0 ? `${head} ${rules.join(",")}` : head];
  }
  return [
    head,
    ...result.signals.map(
      (s) => `  ${s.ruleId} ${s.severity}: ${s.message}${s.excerpt ? ` — "${safeText(s.excerpt)}"` : ""}`,
    ),
  ];
}

/** `crosscheck guard FILE|- [--jsonl --field text] [--threshold X] [--context C]`. */
export function registerGuard(program: Command, { io, setExit }: CommandContext): void {
  program
    .command("guard")
    .description("score texts for prompt injection (exit 0 all clean, 1 something flagged, 2 bad input)")
    .argument("<file>", "a text file, a JSONL file with --jsonl, or - for stdin")
    .option("--jsonl", "one JSON object a line; scores each line's --field")
    .option("--field <name>", `with --jsonl: the field holding the text (default "${DEFAULT_FIELD}")`)
    .option(
      "--threshold <x>",
      `score from which a text is an injection (default ${DEFAULT_THRESHOLD}; suspicious from half)`,
    )
    .option("--context <kind>", `where the texts come from: ${CONTEXTS.join(", ")}`)
    .action(async (file: string, flags: GuardFlags, command: Command) => {
      const { json } = globalOptions(command);
      const threshold = parseThreshold(flags.threshold);
      const context = parseContext(flags.context);
      if (flags.field !== undefined && flags.jsonl !== true) {
        throw new CrosscheckError("USAGE", "--field needs --jsonl: it names the field of each JSON line");
      }
      const content = await readInput(file, io.stdin);
      const where = file === "-" ? "stdin" : file;
      const items: Item[] =
        flags.jsonl === true
          ? jsonlItems(content, flags.field ?? DEFAULT_FIELD, where)
          : [{ label: where, text: content }];
      let flagged = 0;
      for (const item of items) {
        const result = scanText(item.text, { threshold, ...(context ? { context } : {}) });
        if (result.verdict !== "clean") flagged++;
        if (json) {
          const named = {
            ...(item.line === undefined ? {} : { line: item.line }),
            ...(item.id === undefined ? {} : { id: item.id }),
          };
          io.out(JSON.stringify({ ...named, ...result }));
        } else for (const line of textLines(item, result, flags.jsonl === true)) io.out(line);
      }
      if (flags.jsonl === true)
        io.err(`guard: ${items.length} text(s), ${flagged} flagged (threshold ${threshold})`);
      setExit(flagged > 0 ? EXIT.rejected : EXIT.ok);
    });
}
