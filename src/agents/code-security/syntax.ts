import type { Node } from "@vscode/tree-sitter-wasm";
import type { SourceLanguage } from "./parser.js";

/** Language-neutral views over tree-sitter nodes of JavaScript, TypeScript and Python. */

const CALL_TYPES = new Set(["call_expression", "new_expression", "call"]);
export const FUNCTION_TYPES = new Set([
  "function_declaration",
  "function_expression",
  "function",
  "arrow_function",
  "method_definition",
  "generator_function_declaration",
  "function_definition",
  "lambda",
]);

export function isCall(node: Node): boolean {
  return CALL_TYPES.has(node.type);
}

export function isNew(node: Node): boolean {
  return node.type === "new_expression";
}

/** The callee of a call or `new`. */
export function calleeOf(call: Node): Node | null {
  return call.childForFieldName("function") ?? call.childForFieldName("constructor");
}

function unwrap(node: Node): Node {
  let current = node;
  while (
    (current.type === "parenthesized_expression" || current.type === "non_null_expression") &&
    current.namedChildCount > 0
  ) {
    const inner = current.namedChild(0);
    if (!inner) break;
    current = inner;
  }
  return current;
}

/** `a.b.c` for identifier / member / attribute chains (optional chaining dropped), else undefined. */
export function dotted(node: Node | null): string | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  switch (n.type) {
    case "identifier":
    case "property_identifier":
    case "this":
    case "shorthand_property_identifier":
      return n.text;
    case "member_expression":
    case "attribute": {
      const object = dotted(n.childForFieldName("object"));
      const property = n.childForFieldName("property") ?? n.childForFieldName("attribute");
      if (object === undefined || !property) return undefined;
      return `${object}.${property.text}`;
    }
    default:
      return undefined;
  }
}

/** Positional arguments of a call (keyword arguments and spreads excluded). */
export function positionalArgs(call: Node): Node[] {
  const args = call.childForFieldName("arguments");
  if (!args) return [];
  return args.namedChildren.filter(
    (a): a is Node => a !== null && a.type !== "keyword_argument" && a.type !== "comment",
  );
}

/** A Python keyword argument's value, e.g. `shell` in `run(cmd, shell=True)`. */
export function keywordArg(call: Node, name: string): Node | undefined {
  const args = call.childForFieldName("arguments");
  if (!args) return undefined;
  for (const a of args.namedChildren) {
    if (a?.type === "keyword_argument" && a.childForFieldName("name")?.text === name) {
      return a.childForFieldName("value") ?? undefined;
    }
  }
  return undefined;
}

/** A property of a JS object literal by key name. */
export function objectProperty(object: Node | undefined, key: string): Node | undefined {
  if (object?.type !== "object") return undefined;
  for (const pair of object.namedChildren) {
    if (pair?.type !== "pair") continue;
    const k = pair.childForFieldName("key");
    if (k && stripQuotes(k.text) === key) return pair.childForFieldName("value") ?? undefined;
  }
  return undefined;
}

function stripQuotes(text: string): string {
  return text.replace(/^[rbuRBUfF]*(['"`]{1,3})([\s\S]*)\1$/, "$2");
}

/** The value of a string literal without interpolation, else undefined. */
export function stringValue(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  if (n.type === "string") {
    if (n.namedChildren.some((c) => c?.type === "interpolation")) return undefined;
    return stripQuotes(n.text);
  }
  if (n.type === "template_string") {
    if (n.namedChildren.some((c) => c?.type === "template_substitution")) return undefined;
    return stripQuotes(n.text);
  }
  if (n.type === "concatenated_string") {
    const parts = n.namedChildren.map((c) => stringValue(c));
    return parts.every((p) => p !== undefined) ? parts.join("") : undefined;
  }
  return undefined;
}

const CONSTANT_TYPES = new Set([
  "number",
  "integer",
  "float",
  "true",
  "false",
  "null",
  "undefined",
  "none",
  "True",
  "False",
  "None",
  "regex",
]);

/** True for literals whose value is fixed in the code. */
export function isConstant(node: Node | null | undefined): boolean {
  if (!node) return false;
  const n = unwrap(node);
  return CONSTANT_TYPES.has(n.type) || stringValue(n) !== undefined;
}

export function isTrue(node: Node | undefined, language: SourceLanguage): boolean {
  if (!node) return false;
  return language === "python" ? node.type === "true" : node.type === "true";
}

export function isFalsy(node: Node | undefined): boolean {
  if (!node) return false;
  const n = unwrap(node);
  return (
    ["false", "False", "none", "None", "null"].includes(n.type) || n.text === "0" || stringValue(n) === "0"
  );
}

/** The name a value is bound to: `x = v`, `const x = v`, `obj.x = v`, `{x: v}`, `x=v` keyword. */
export function bindingName(node: Node): { name: string; value: Node } | undefined {
  const left =
    node.childForFieldName("left") ?? node.childForFieldName("name") ?? node.childForFieldName("key");
  const value = node.childForFieldName("right") ?? node.childForFieldName("value");
  if (!left || !value) return undefined;
  const name =
    dotted(left) ??
    stringValue(left) ??
    (left.type === "subscript_expression" || left.type === "subscript" ? subscriptKey(left) : undefined);
  return name === undefined ? undefined : { name, value };
}

function subscriptKey(node: Node): string | undefined {
  const index = node.childForFieldName("index") ?? node.childForFieldName("subscript");
  return stringValue(index);
}

export function unwrapExpression(node: Node): Node {
  return unwrap(node);
}

/**
 * Depth-first walk in document order with a tree cursor, visiting the nodes whose type is in
 * `types` (only those are materialised as Node objects, which is the costly part).
 */
export function walk(root: Node, types: ReadonlySet<string>, visit: (node: Node) => void): void {
  const cursor = root.walk();
  try {
    let descending = true;
    for (;;) {
      if (descending) {
        if (types.has(cursor.nodeType)) visit(cursor.currentNode);
        if (cursor.gotoFirstChild()) continue;
      }
      if (cursor.gotoNextSibling()) {
        descending = true;
        continue;
      }
      if (!cursor.gotoParent()) return;
      descending = false;
    }
  } finally {
    cursor.delete();
  }
}
