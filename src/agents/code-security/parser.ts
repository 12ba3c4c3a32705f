import { createRequire } from "node:module";
import type { Language, Node, Parser } from "@vscode/tree-sitter-wasm";
import { closingSuffix } from "./repair.js";

/**
 * The one home of tree-sitter: WebAssembly grammars shipped inside @vscode/tree-sitter-wasm
 * (no network, no native build). Tree-sitter recovers from syntax errors, so fragments of code
 * (a hunk, a 20-line window) still yield a tree whose well-formed parts can be analysed.
 */
export type SourceLanguage = "javascript" | "typescript" | "tsx" | "python";
type Grammar = SourceLanguage | "regex";

const require = createRequire(import.meta.url);
type TreeSitter = typeof import("@vscode/tree-sitter-wasm");

let runtime: Promise<TreeSitter> | undefined;
const languages = new Map<Grammar, Promise<Language>>();
const parsers = new Map<Grammar, Parser>();

function treeSitter(): Promise<TreeSitter> {
  runtime ??= (async () => {
    const ts = require("@vscode/tree-sitter-wasm") as TreeSitter;
    await ts.Parser.init();
    return ts;
  })();
  return runtime;
}

async function parserFor(grammar: Grammar): Promise<Parser> {
  const cached = parsers.get(grammar);
  if (cached) return cached;
  const ts = await treeSitter();
  let language = languages.get(grammar);
  if (!language) {
    language = ts.Language.load(require.resolve(`@vscode/tree-sitter-wasm/wasm/tree-sitter-${grammar}.wasm`));
    languages.set(grammar, language);
  }
  const parser = new ts.Parser();
  parser.setLanguage(await language);
  parsers.set(grammar, parser);
  return parser;
}

/** The language of a file by its extension, or undefined when it is not one we analyse. */
export function languageOf(file: string): SourceLanguage | undefined {
  const ext = /\.([A-Za-z0-9]+)$/.exec(file)?.[1]?.toLowerCase();
  switch (ext) {
    case "js":
    case "mjs":
    case "cjs":
    case "jsx":
      return "javascript";
    case "ts":
    case "mts":
    case "cts":
      return "typescript";
    case "tsx":
      return "tsx";
    case "py":
    case "pyw":
      return "python";
    default:
      return undefined;
  }
}

/** A parsed source: the root node plus the column shift applied when dedenting a fragment. */
export interface ParsedSource {
  readonly root: Node;
  readonly language: SourceLanguage;
  /** Characters removed from the start of every line (fragments cut out of nested code). */
  readonly indent: number;
  dispose(): void;
}

function commonIndent(code: string): number {
  let min = Number.POSITIVE_INFINITY;
  for (const line of code.split("\n")) {
    if (line.trim() === "") continue;
    const indent = /^[ \t]*/.exec(line)?.[0].length ?? 0;
    if (indent < min) min = indent;
  }
  return Number.isFinite(min) ? min : 0;
}

/**
 * Parses `code` tolerantly. Python fragments are dedented first (a window cut out of a method
 * starts indented, which would otherwise make the whole window one error node), and brackets
 * left open at the end are closed after the last line (line numbers are unchanged).
 */
export async function parseSource(code: string, language: SourceLanguage): Promise<ParsedSource> {
  const indent = language === "python" ? commonIndent(code) : 0;
  const text =
    indent === 0
      ? code
      : code
          .split("\n")
          .map((line) => line.slice(Math.min(indent, line.length - line.trimStart().length)))
          .join("\n");
  const parser = await parserFor(language);
  const tree = parser.parse(text + closingSuffix(text, language));
  if (!tree) throw new Error(`tree-sitter returned no tree for ${language}`);
  return { root: tree.rootNode, language, indent, dispose: () => tree.delete() };
}

/** Parses a regular expression pattern (for ReDoS checks); undefined when the grammar cannot load. */
export async function parseRegex(pattern: string): Promise<{ root: Node; dispose(): void } | undefined> {
  const parser = await parserFor("regex");
  const tree = parser.parse(pattern);
  if (!tree) return undefined;
  return { root: tree.rootNode, dispose: () => tree.delete() };
}
