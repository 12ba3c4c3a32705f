import type { Node } from "@vscode/tree-sitter-wasm";
import { FUNCTION_TYPES } from "./syntax.js";

/** A name bound in a scope: `x = v`, `const x = v`, `for (x in v)`. Its value is evaluated lazily. */
export interface ScopeBinding {
  readonly name: string;
  /** Offset from which the binding is visible (the end of the assignment). */
  readonly at: number;
  readonly value: Node;
  readonly augmented: boolean;
  /** The node that binds (for a lookup of the previous value on `+=`). */
  readonly node: Node;
}

interface Scope {
  readonly start: number;
  readonly end: number;
  readonly parent: number | undefined;
  readonly bindings: ScopeBinding[];
}

const ASSIGNMENTS = new Set([
  "variable_declarator",
  "assignment_expression",
  "assignment",
  "augmented_assignment",
  "augmented_assignment_expression",
]);
const LOOPS = new Set(["for_in_statement", "for_statement"]);

/**
 * Every function scope of a tree and the bindings in it, built in one pass with a tree cursor
 * (asking a tree-sitter node for its parent walks down from the root, so per-node parent chains
 * would cost depth squared).
 */
export class ScopeIndex {
  private readonly scopes: Scope[] = [];

  constructor(root: Node, bindingOf: (node: Node) => { name: string; value: Node } | undefined) {
    this.scopes.push({ start: root.startIndex, end: root.endIndex + 1, parent: undefined, bindings: [] });
    const cursor = root.walk();
    const stack: { depth: number; scope: number }[] = [{ depth: -1, scope: 0 }];
    let depth = 0;
    try {
      for (;;) {
        const type = cursor.nodeType;
        while (stack.length > 1 && (stack.at(-1) as { depth: number }).depth >= depth) stack.pop();
        const current = (stack.at(-1) as { scope: number }).scope;
        if (FUNCTION_TYPES.has(type)) {
          this.scopes.push({ start: cursor.startIndex, end: cursor.endIndex, parent: current, bindings: [] });
          stack.push({ depth, scope: this.scopes.length - 1 });
        } else if (ASSIGNMENTS.has(type)) {
          const node = cursor.currentNode;
          const binding = bindingOf(node);
          if (binding) {
            (this.scopes[current] as Scope).bindings.push({
              ...binding,
              at: node.endIndex,
              augmented: type.startsWith("augmented"),
              node,
            });
          }
        } else if (LOOPS.has(type)) {
          const node = cursor.currentNode;
          const left = node.childForFieldName("left");
          const right = node.childForFieldName("right");
          const name = left ? (left.type === "identifier" ? left.text : left.namedChild(0)?.text) : undefined;
          if (name && right) {
            (this.scopes[current] as Scope).bindings.push({
              name,
              value: right,
              at: right.endIndex,
              augmented: false,
              node,
            });
          }
        }
        if (cursor.gotoFirstChild()) {
          depth++;
          continue;
        }
        while (!cursor.gotoNextSibling()) {
          if (!cursor.gotoParent()) return;
          depth--;
        }
      }
    } finally {
      cursor.delete();
    }
  }

  /** The bindings visible at `offset`, innermost scope first. */
  *chain(offset: number): Generator<readonly ScopeBinding[]> {
    let innermost = 0;
    for (let i = 1; i < this.scopes.length; i++) {
      const s = this.scopes[i] as Scope;
      if (s.start <= offset && offset < s.end) innermost = i;
    }
    for (let i: number | undefined = innermost; i !== undefined; i = (this.scopes[i] as Scope).parent) {
      yield (this.scopes[i] as Scope).bindings;
    }
  }
}
