import type { Node } from "@vscode/tree-sitter-wasm";
import type { RuleContext } from "../context.js";
import { knownSecretFormat, REDACTED_SECRET, redact, secretSeverity } from "../secrets.js";
import { dotted, stringValue } from "../syntax.js";

/** A string literal bound to a secret-like name: `password = "..."`, `{apiKey: "..."}`, `token="..."`. */
export function secretBinding(node: Node, ctx: RuleContext): void {
  const left =
    node.childForFieldName("left") ?? node.childForFieldName("name") ?? node.childForFieldName("key");
  const right = node.childForFieldName("right") ?? node.childForFieldName("value");
  if (!left || !right) return;
  const value = stringValue(right);
  if (value === undefined || REDACTED_SECRET.test(value)) return;
  const subscript = left.childForFieldName("index") ?? left.childForFieldName("subscript");
  const name =
    (stringValue(subscript) ?? dotted(left) ?? stringValue(left) ?? left.text).split(".").pop() ?? "";
  const severity = secretSeverity(name, value);
  if (severity) ctx.report(right, "code.cwe-798", severity, `${name} = ${redact(value)}`);
}

/** A well-known credential format in any string literal, or a literal redacted earlier. */
export function secretLiteral(node: Node, ctx: RuleContext): void {
  const value = stringValue(node);
  const marker = value === undefined ? null : REDACTED_SECRET.exec(value);
  if (marker) {
    ctx.report(
      node,
      "code.cwe-798",
      marker[1] as "critical" | "high" | "medium",
      `a hard-coded secret (${marker[2]} chars, redacted)`,
    );
    return;
  }
  if (value === undefined || value.length < 16) return;
  const kind = knownSecretFormat(value);
  if (kind) ctx.report(node, "code.cwe-798", "critical", `${kind} in source: ${redact(value)}`);
}
