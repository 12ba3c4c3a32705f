import type { Node } from "@vscode/tree-sitter-wasm";
import { type CodeFinding, RuleContext } from "./context.js";
import { parseSource, type SourceLanguage } from "./parser.js";
import { javascriptAssignment, javascriptCall, secretComparison } from "./rules/javascript.js";
import { pythonAssignment, pythonCall, safeFilter } from "./rules/python.js";
import { flushRegexes } from "./rules/redos.js";
import { secretBinding, secretLiteral } from "./rules/secrets.js";
import { walk } from "./syntax.js";
import { TaintAnalysis } from "./taint.js";

/** Sources larger than this are cut (the rest is not analysed, and the result says so). */
export const MAX_SOURCE_CHARS = 2_000_000;

const BINDINGS = new Set([
  "variable_declarator",
  "assignment_expression",
  "pair",
  "assignment",
  "keyword_argument",
  "jsx_attribute",
  "public_field_definition",
  "field_definition",
]);

const JAVASCRIPT_TYPES: ReadonlySet<string> = new Set([
  ...BINDINGS,
  "call_expression",
  "new_expression",
  "binary_expression",
  "regex",
  "string",
  "template_string",
]);
const PYTHON_TYPES: ReadonlySet<string> = new Set([...BINDINGS, "call", "comparison_operator", "string"]);

function visitJavaScript(node: Node, ctx: RuleContext): void {
  switch (node.type) {
    case "call_expression":
    case "new_expression":
      javascriptCall(node, ctx);
      return;
    case "binary_expression":
      secretComparison(node, ctx);
      return;
    case "regex": {
      const pattern = node.childForFieldName("pattern")?.text;
      if (pattern) ctx.pendingRegexes.push({ node, pattern });
      return;
    }
    case "string":
    case "template_string":
      secretLiteral(node, ctx);
      return;
    default:
      if (BINDINGS.has(node.type)) {
        javascriptAssignment(node, ctx);
        secretBinding(node, ctx);
      }
  }
}

function visitPython(node: Node, ctx: RuleContext): void {
  switch (node.type) {
    case "call":
      pythonCall(node, ctx);
      return;
    case "comparison_operator":
      secretComparison(node, ctx);
      return;
    case "string":
      secretLiteral(node, ctx);
      safeFilter(node, ctx);
      return;
    default:
      if (BINDINGS.has(node.type)) {
        pythonAssignment(node, ctx);
        secretBinding(node, ctx);
      }
  }
}

/** Re-parses after syntax errors at most this many times, and only for sources this short. */
export const MAX_REPARSES = 12;
const MAX_REPARSE_LINES = 2000;

/**
 * The row after the first top-level statement that holds a syntax error, or undefined when the
 * tree is clean. A fragment cut out of a file often opens inside a string or a block: the
 * statements after the damage parse correctly when the text is parsed again from there.
 */
function resumeRow(root: Node): number | undefined {
  if (!root.hasError) return undefined;
  for (const child of root.children) {
    if (child && (child.hasError || child.isError || child.isMissing)) return child.startPosition.row + 1;
  }
  return undefined;
}

/**
 * Static analysis of one source text: parses it tolerantly with tree-sitter and runs every
 * rule over the tree, following data within each function. When part of the text does not
 * parse (a fragment), the text after the damaged statement is parsed and analysed again.
 * Findings are sorted by position, one per rule and line.
 */
export async function analyzeSource(
  code: string,
  language: SourceLanguage,
  file = "<input>",
): Promise<CodeFinding[]> {
  const text = code.length > MAX_SOURCE_CHARS ? code.slice(0, MAX_SOURCE_CHARS) : code;
  const lines = text.split("\n");
  const findings: CodeFinding[] = [];
  let start = 0;
  for (let pass = 0; pass <= MAX_REPARSES; pass++) {
    const parsed = await parseSource(start === 0 ? text : lines.slice(start).join("\n"), language);
    let resume: number | undefined;
    try {
      const ctx = new RuleContext(
        language,
        new TaintAnalysis(language, parsed.root),
        file,
        parsed.indent,
        start,
        text,
      );
      const visit = language === "python" ? visitPython : visitJavaScript;
      walk(parsed.root, language === "python" ? PYTHON_TYPES : JAVASCRIPT_TYPES, (node) => visit(node, ctx));
      await flushRegexes(ctx);
      findings.push(...ctx.findings);
      resume = resumeRow(parsed.root);
    } finally {
      parsed.dispose();
    }
    if (resume === undefined || lines.length > MAX_REPARSE_LINES) break;
    start += resume;
    if (start >= lines.length) break;
  }
  return dedupe(findings);
}

function dedupe(findings: readonly CodeFinding[]): CodeFinding[] {
  const seen = new Set<string>();
  const out: CodeFinding[] = [];
  for (const f of [...findings].sort((a, b) => a.line - b.line || a.column - b.column)) {
    const key = `${f.ruleId}:${f.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return out;
}
