import type { Node } from "@vscode/tree-sitter-wasm";
import type { RuleContext } from "../context.js";
import { parseRegex } from "../parser.js";

/** A regex literal to check once parsing is done (the regex grammar loads asynchronously). */
export interface PendingRegex {
  readonly node: Node;
  readonly pattern: string;
}

/** Queues a constant pattern for the ReDoS check. */
export function checkRegexLiteral(node: Node, pattern: string, ctx: RuleContext): void {
  if (pattern.length > 0 && pattern.length < 2000) ctx.pendingRegexes.push({ node, pattern });
}

const UNBOUNDED = new Set(["one_or_more", "zero_or_more"]);
const GROUPS = new Set(["anonymous_capturing_group", "named_capturing_group", "non_capturing_group"]);

function isUnboundedQuantifier(node: Node | null): boolean {
  if (!node) return false;
  if (UNBOUNDED.has(node.type)) return true;
  return node.type === "count_quantifier" && /,\s*}$/.test(node.text);
}

/** Nested unbounded quantifiers, e.g. `(a+)+` or `(\w*)*`: exponential backtracking. */
export async function hasNestedQuantifier(pattern: string): Promise<boolean> {
  const parsed = await parseRegex(pattern);
  if (!parsed) return false;
  try {
    const groups = parsed.root.descendantsOfType([...GROUPS]);
    for (const group of groups) {
      if (!group || !isUnboundedQuantifier(group.nextSibling)) continue;
      const inner = group.descendantsOfType([...UNBOUNDED, "count_quantifier"]);
      if (inner.some((q) => isUnboundedQuantifier(q))) return true;
    }
    return false;
  } finally {
    parsed.dispose();
  }
}

/** Reports the queued patterns with nested quantifiers. */
export async function flushRegexes(ctx: RuleContext): Promise<void> {
  for (const { node, pattern } of ctx.pendingRegexes.splice(0)) {
    if (await hasNestedQuantifier(pattern)) {
      ctx.report(
        node,
        "code.cwe-1333",
        "medium",
        "nested unbounded quantifiers backtrack exponentially on crafted input",
      );
    }
  }
}
