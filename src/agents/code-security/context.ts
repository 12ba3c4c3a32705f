import type { Node } from "@vscode/tree-sitter-wasm";
import type { Severity } from "../../domain/finding.js";
import { RULES, type RuleId } from "./catalog.js";
import type { SourceLanguage } from "./parser.js";
import type { TaintAnalysis } from "./taint.js";

/** One located finding of the static analysis, before it becomes a domain Finding. */
export interface CodeFinding {
  readonly ruleId: RuleId;
  readonly cwe: number;
  readonly family: string;
  readonly severity: Severity;
  readonly message: string;
  readonly fix: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** For secrets: where the literal sits in the original text (0-based rows and columns), for redaction. */
  readonly secretRange?: { startRow: number; startColumn: number; endRow: number; endColumn: number };
}

/** What a rule sees: the language, data flow, names around a node, and where to report. */
export class RuleContext {
  readonly findings: CodeFinding[] = [];
  /** Constant regex patterns waiting for the ReDoS check (the regex grammar parses asynchronously). */
  readonly pendingRegexes: { node: Node; pattern: string }[] = [];

  constructor(
    readonly language: SourceLanguage,
    readonly taint: TaintAnalysis,
    private readonly file: string,
    private readonly indent: number,
    /** Rows skipped before the parsed text (a re-parse after a syntax error starts further down). */
    private readonly rowOffset = 0,
    /** The whole source, for file-level facts such as its imports. */
    readonly source = "",
  ) {}

  report(node: Node, ruleId: RuleId, severity: Severity, message: string): void {
    const rule = RULES[ruleId];
    const secretRange =
      ruleId === "code.cwe-798"
        ? {
            startRow: node.startPosition.row + this.rowOffset,
            startColumn: node.startPosition.column + this.indent,
            endRow: node.endPosition.row + this.rowOffset,
            endColumn: node.endPosition.column + this.indent,
          }
        : undefined;
    this.findings.push({
      ...(secretRange ? { secretRange } : {}),
      ruleId,
      cwe: rule.cwe,
      family: rule.family,
      severity,
      message: `${rule.title}: ${message}`,
      fix: rule.fix,
      file: this.file,
      line: node.startPosition.row + 1 + this.rowOffset,
      column: node.startPosition.column + 1 + this.indent,
    });
  }
}

const SECURITY_CONTEXT =
  /(token|secret|passw|pwd|salt|nonce|otp|csrf|session|auth|api_?key|private|credential|signature|cipher|crypt|iv\b|uuid|guid|verif|reset|code_?verifier)/i;

/** Whether the value at `node` is stored in, or produced for, something security-relevant. */
export function inSecurityContext(node: Node): boolean {
  let current: Node | null = node.parent;
  for (let hops = 0; current && hops < 8; hops++, current = current.parent) {
    const left =
      current.childForFieldName("left") ??
      current.childForFieldName("name") ??
      current.childForFieldName("key");
    if (
      left &&
      [
        "variable_declarator",
        "assignment_expression",
        "assignment",
        "pair",
        "keyword_argument",
        "function_declaration",
        "function_definition",
        "method_definition",
      ].includes(current.type) &&
      SECURITY_CONTEXT.test(left.text)
    ) {
      return true;
    }
    if (current.type === "return_statement") continue;
    if (["statement_block", "block", "program", "module"].includes(current.type)) return false;
  }
  return false;
}
