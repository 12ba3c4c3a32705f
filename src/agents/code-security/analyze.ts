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

/**
 * Static analysis of one source text: parses it tolerantly with tree-sitter and runs every
 * rule over the tree, following data within each function. Findings are sorted by position,
 * one per rule and line.
 */
export async function analyzeSource(
  code: string,
  language: SourceLanguage,
  file = "<input>",
): Promise<CodeFinding[]> {
  const text = code.length > MAX_SOURCE_CHARS ? code.slice(0, MAX_SOURCE_CHARS) : code;
  const parsed = await parseSource(text, language);
  try {
    const ctx = new RuleContext(language, new TaintAnalysis(language), file, parsed.indent);
    const visit = language === "python" ? visitPython : visitJavaScript;
    walk(parsed.root, (node) => visit(node, ctx));
    await flushRegexes(ctx);
    return dedupe(ctx.findings);
  } finally {
    parsed.dispose();
  }
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
