import type { Node } from "@vscode/tree-sitter-wasm";
import type { SourceLanguage } from "./parser.js";
import { type ScopeBinding, ScopeIndex } from "./scopes.js";
import { bindingName, calleeOf, dotted, isConstant } from "./syntax.js";

/**
 * Data flow within a function: how much of an expression comes from outside.
 * 0 constant (fixed in the code), 1 dynamic (a variable of unknown origin, a parameter),
 * 2 source (request data, environment, CLI arguments, user input, tool or model results).
 */
export type Taint = 0 | 1 | 2;
export const CONSTANT: Taint = 0;
export const DYNAMIC: Taint = 1;
export const SOURCE: Taint = 2;

const JS_SOURCES =
  /^(req|request|ctx|ctx\.request)\.(query|params|body|headers|cookies|url|originalUrl|path|hostname|files?|param|get|header|signedCookies)\b|^process\.(env|argv)\b|^(window\.|document\.)?location\b|^document\.(URL|cookie|referrer|documentURI)\b|^window\.name\b|^(event|message|msg)\.data\b|^Deno\.args\b|^Bun\.argv\b/;
const PY_SOURCES =
  /^(self\.)?(request|flask\.request)\.(args|form|values|json|data|files|cookies|headers|GET|POST|body|query_params|get_json|path_params|params|stream|environ)\b|^sys\.argv\b|^os\.environ\b|^os\.getenv$|^os\.environ\.get$|^(raw_)?input$|^sys\.stdin\b/;
const SOURCE_NAMES =
  /^(user_?input|userInput|tool_?(result|output)s?|toolResult|toolOutput|llm_?(output|response)|model_?output|untrusted\w*)$/i;
const SOURCE_CALLS = /(^|\.)(parse_args|getenv|get_json|getParameter|prompt)$/;
/** Calls whose result is made of their arguments and receiver only (constant in, constant out). */
const PROPAGATORS =
  /^(path\.(join|resolve|normalize|posix\.join)|os\.path\.(join|abspath|normpath)|String|str|JSON\.stringify|Buffer\.from)$|\.(toString|trim|toLowerCase|toUpperCase|lower|upper|strip|slice|substring|substr|concat|format|join|replace|encode|decode|padStart|padEnd)$/;
const SANITIZERS =
  /(^|\.)(parseInt|parseFloat|Number|Boolean|int|float|bool|len|quote|escape|escapeHtml|escape_html|encodeURIComponent|encodeURI|basename|secure_filename|sanitize\w*|purify|escapeshellarg|normpath_safe|uuid4|hexdigest|digest|isdigit|isnumeric|isinstance)$/;

/** Evaluates taint of expressions in one parsed source; scopes are analysed lazily and cached. */
export class TaintAnalysis {
  private index: ScopeIndex | undefined;
  private readonly memo = new Map<ScopeBinding, Taint>();

  constructor(
    private readonly language: SourceLanguage,
    private readonly root: Node,
  ) {}

  private isSourcePath(path: string): boolean {
    return (this.language === "python" ? PY_SOURCES : JS_SOURCES).test(path) || SOURCE_NAMES.test(path);
  }

  /** How much of `node`'s value comes from outside. */
  taint(node: Node | null | undefined, depth = 0): Taint {
    if (!node || depth > 40) return DYNAMIC;
    if (isConstant(node)) return CONSTANT;
    switch (node.type) {
      case "identifier":
      case "shorthand_property_identifier":
        return this.lookup(node.text, node);
      case "member_expression":
      case "attribute":
      case "subscript_expression":
      case "subscript": {
        const path = dotted(node);
        if (path !== undefined) {
          if (this.isSourcePath(path)) return SOURCE;
          const bound = this.find(path, node);
          if (bound !== undefined) return bound;
        }
        const object = node.childForFieldName("object") ?? node.childForFieldName("value");
        if (object) {
          const objectPath = dotted(object);
          if (objectPath !== undefined && this.isSourcePath(objectPath)) return SOURCE;
          return this.taint(object, depth + 1) === SOURCE ? SOURCE : DYNAMIC;
        }
        return DYNAMIC;
      }
      case "call_expression":
      case "call":
      case "new_expression": {
        const path = dotted(calleeOf(node)) ?? "";
        if (SANITIZERS.test(path)) return CONSTANT;
        if (this.isSourcePath(path) || SOURCE_CALLS.test(path)) return SOURCE;
        let taint: Taint = PROPAGATORS.test(path) ? CONSTANT : DYNAMIC;
        const callee = calleeOf(node);
        const receiver = callee?.childForFieldName("object");
        // Module functions (path.join, JSON.stringify) take nothing from their module object.
        const moduleFunction = /^(path|posix|os\.path|JSON|Buffer|Math|Object|Array)\./.test(path);
        const parts = [
          moduleFunction ? null : receiver,
          ...(node.childForFieldName("arguments")?.namedChildren ?? []),
        ];
        for (const part of parts) {
          if (!part || part.type === "comment") continue;
          const t = this.taint(part, depth + 1);
          if (t > taint) taint = t;
          if (taint === SOURCE) break;
        }
        return taint;
      }
      case "string":
      case "template_string":
      case "concatenated_string":
      case "binary_expression":
      case "binary_operator":
      case "template_substitution":
      case "interpolation":
      case "parenthesized_expression":
      case "await_expression":
      case "await":
      case "as_expression":
      case "non_null_expression":
      case "keyword_argument":
      case "spread_element":
      case "list_splat":
      case "conditional_expression":
      case "ternary_expression":
      case "array":
      case "list":
      case "tuple":
      case "format_expression":
      case "string_content":
      case "expression_list": {
        let taint: Taint = CONSTANT;
        for (const child of node.namedChildren) {
          if (
            !child ||
            child.type === "string_start" ||
            child.type === "string_end" ||
            child.type === "string_fragment" ||
            child.type === "escape_sequence" ||
            child.type === "string_content"
          )
            continue;
          const t = this.taint(child, depth + 1);
          if (t > taint) taint = t;
          if (taint === SOURCE) break;
        }
        return taint;
      }
      default:
        return DYNAMIC;
    }
  }

  private lookup(name: string, at: Node): Taint {
    if (this.isSourcePath(name)) return SOURCE;
    return this.find(name, at) ?? DYNAMIC;
  }

  /** The taint of the latest binding of `name` before `at`, in its scope or an outer one. */
  private find(name: string, at: Node): Taint | undefined {
    this.index ??= new ScopeIndex(this.root, bindingName);
    for (const bindings of this.index.chain(at.startIndex)) {
      let found: ScopeBinding | undefined;
      for (const b of bindings) {
        if (b.at > at.startIndex) break;
        if (b.name === name) found = b;
      }
      if (found) return this.bindingTaint(found);
    }
    return undefined;
  }

  private bindingTaint(binding: ScopeBinding): Taint {
    const known = this.memo.get(binding);
    if (known !== undefined) return known;
    this.memo.set(binding, DYNAMIC); // a binding that refers to itself while evaluated
    let taint = this.taint(binding.value);
    if (binding.augmented) taint = Math.max(taint, this.find(binding.name, binding.node) ?? DYNAMIC) as Taint;
    this.memo.set(binding, taint);
    return taint;
  }
}
