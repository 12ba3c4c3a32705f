import type { Node } from "@vscode/tree-sitter-wasm";
import { inSecurityContext, type RuleContext } from "../context.js";
import {
  calleeOf,
  dotted,
  isConstant,
  isNew,
  objectProperty,
  positionalArgs,
  stringValue,
  unwrapExpression,
} from "../syntax.js";
import { CONSTANT, SOURCE } from "../taint.js";
import { checkRegexLiteral } from "./redos.js";

const CHILD_PROCESS =
  /^(child_process|childProcess|cp|proc|shell|require\(['"]child_process['"]\))\.(exec|execSync)$|^(exec|execSync)$/;
const SPAWN = /(^|\.)(spawn|spawnSync|execFile|execFileSync)$/;
const FS_CALL =
  /^(fs|fse|fs\.promises|fsp|fsPromises)\.(readFile|readFileSync|writeFile|writeFileSync|appendFile|appendFileSync|createReadStream|createWriteStream|stat|statSync|lstat|lstatSync|existsSync|exists|readdir|readdirSync|unlink|unlinkSync|rmSync|rm|mkdir|mkdirSync|open|openSync|access|accessSync|rename|renameSync|copyFile|copyFileSync|realpath|realpathSync|readJson|readJsonSync|writeJson|outputFile|remove|chmod|chmodSync)$/;
const HTTP_CALL =
  /^(fetch|axios(\.(get|post|put|delete|request|patch|head))?|got|request|needle|superagent\.(get|post)|https?\.(get|request))$/;
const EVAL_LIKE =
  /^(eval|window\.eval|globalThis\.eval|vm\.runInThisContext|vm\.runInNewContext|vm\.runInContext|vm\.compileFunction)$/;
const SQL_CALL = /\.(query|execute|raw|prepare|all|run|exec)$/;
const SQL_TEXT =
  /\b(select\s.+\sfrom|insert\s+into|update\s.+\sset|delete\s+from|create\s+table|drop\s+table|alter\s+table)\b/i;

function isComposed(node: Node): boolean {
  const n = unwrapExpression(node);
  return (
    n.type === "binary_expression" ||
    (n.type === "template_string" && n.namedChildren.some((c) => c?.type === "template_substitution")) ||
    (n.type === "call_expression" && /\.(concat|join|replace|format)$/.test(dotted(calleeOf(n)) ?? ""))
  );
}

function textOfStrings(node: Node): string {
  return node
    .descendantsOfType(["string_fragment", "string"])
    .map((s) => s?.text ?? "")
    .join(" ");
}

/** Calls and `new` in JavaScript / TypeScript. */
export function javascriptCall(call: Node, ctx: RuleContext): void {
  const path = dotted(calleeOf(call)) ?? "";
  const args = positionalArgs(call);
  const first = args[0];
  const taint = first ? ctx.taint.taint(first) : CONSTANT;

  // A bare exec() is child_process only where the file brings it in (else a local helper).
  const shellExec =
    CHILD_PROCESS.test(path) && (path.includes(".") || /child_process|shelljs/.test(ctx.source));
  if (shellExec && first && taint !== CONSTANT) {
    const severity = taint === SOURCE ? "critical" : isComposed(first) ? "high" : "medium";
    ctx.report(
      call,
      "code.cwe-78",
      severity,
      `${path}() runs a shell command built from ${taint === SOURCE ? "untrusted input" : "non-constant data"}`,
    );
  } else if (
    SPAWN.test(path) &&
    first &&
    /shell:\s*true/.test(args[2]?.text ?? args[1]?.text ?? "") &&
    taint !== CONSTANT
  ) {
    ctx.report(
      call,
      "code.cwe-78",
      taint === SOURCE ? "critical" : "high",
      `${path}() with shell: true runs a non-constant command`,
    );
  } else if (EVAL_LIKE.test(path) && first && taint !== CONSTANT) {
    ctx.report(
      call,
      "code.cwe-95",
      taint === SOURCE ? "critical" : "medium",
      `${path}() evaluates ${taint === SOURCE ? "untrusted input" : "non-constant code"}`,
    );
  } else if (/^(Function|window\.Function)$/.test(path) || (isNew(call) && /^Function$/.test(path))) {
    const body = args[args.length - 1];
    const t = body ? ctx.taint.taint(body) : CONSTANT;
    if (t !== CONSTANT)
      ctx.report(
        call,
        "code.cwe-94",
        t === SOURCE ? "critical" : "medium",
        "new Function() compiles non-constant code",
      );
  } else if (/^(setTimeout|setInterval|window\.setTimeout|window\.setInterval)$/.test(path) && first) {
    const n = unwrapExpression(first);
    if (stringValue(n) !== undefined || n.type === "binary_expression" || n.type === "template_string") {
      ctx.report(
        call,
        "code.cwe-95",
        taint === SOURCE ? "critical" : taint === CONSTANT ? "low" : "medium",
        `${path}() with a string evaluates it as code`,
      );
    }
  } else if (path === "require" && first && taint !== CONSTANT) {
    ctx.report(
      call,
      "code.cwe-94",
      taint === SOURCE ? "high" : "low",
      "require() of a non-constant module path loads code chosen at run time",
    );
  } else if (FS_CALL.test(path) && first && taint !== CONSTANT) {
    ctx.report(
      call,
      "code.cwe-22",
      taint === SOURCE ? "high" : "low",
      `${path}() on a path from ${taint === SOURCE ? "untrusted input" : "non-constant data"}`,
    );
  } else if (/^(RegExp|window\.RegExp)$/.test(path) && first) {
    if (taint === CONSTANT) checkRegexLiteral(call, stringValue(first) ?? "", ctx);
    else
      ctx.report(
        call,
        "code.cwe-1333",
        taint === SOURCE ? "high" : "low",
        "RegExp built from non-constant data (ReDoS, regex injection)",
      );
  } else if (/^Math\.random$/.test(path)) {
    ctx.report(
      call,
      "code.cwe-338",
      inSecurityContext(call) ? "high" : "low",
      "Math.random() is not a cryptographic generator",
    );
  } else if (
    /^crypto\.createHash$|^createHash$/.test(path) &&
    /^(md5|md4|sha1|md2)$/i.test(stringValue(first) ?? "")
  ) {
    ctx.report(
      call,
      "code.cwe-328",
      inSecurityContext(call) ? "high" : "low",
      `${stringValue(first)} is a broken hash`,
    );
  } else if (/(^|\.)(createCipher|createDecipher)$/.test(path)) {
    ctx.report(call, "code.cwe-327", "medium", `${path}() derives the key without salt and uses no IV`);
  } else if (
    /(^|\.)(createCipheriv|createDecipheriv)$/.test(path) &&
    /(^des|rc4|rc2|ecb|blowfish|bf-)/i.test(stringValue(first) ?? "")
  ) {
    ctx.report(call, "code.cwe-327", "medium", `cipher ${stringValue(first)} is broken or leaks patterns`);
  } else if (/(^|\.)postMessage$/.test(path) && stringValue(args[1]) === "*") {
    ctx.report(call, "code.cwe-345", "medium", "postMessage(..., '*') sends data to any origin");
  } else if ((isNew(call) && path === "Buffer") || /^Buffer\.allocUnsafe(Slow)?$/.test(path)) {
    ctx.report(
      call,
      "code.cwe-119",
      "low",
      `${isNew(call) ? "new Buffer()" : path} may expose uninitialised memory`,
    );
  } else if (
    /(^|\.)(readUInt\w+|readInt\w+|writeUInt\w+|writeInt\w+|readFloat\w*|readDouble\w*)$/.test(path) &&
    args.length >= 2 &&
    args[args.length - 1]?.type === "true"
  ) {
    ctx.report(call, "code.cwe-119", "low", "noAssert=true skips the bounds check");
  } else if (HTTP_CALL.test(path) && first) {
    if (taint === SOURCE)
      ctx.report(call, "code.cwe-918", "high", `${path}() requests a URL taken from untrusted input`);
    else if (/^http:\/\/(?!localhost|127\.|0\.0\.0\.0|\[::1\])/.test(stringValue(first) ?? ""))
      ctx.report(call, "code.cwe-319", "low", `${path}() over cleartext http`);
  } else if (/^document\.(write|writeln)$/.test(path) && first && taint !== CONSTANT) {
    ctx.report(
      call,
      "code.cwe-79",
      taint === SOURCE ? "high" : "medium",
      "document.write() of non-constant HTML",
    );
  } else if (/(^|\.)insertAdjacentHTML$/.test(path) && args[1] && ctx.taint.taint(args[1]) !== CONSTANT) {
    ctx.report(
      call,
      "code.cwe-79",
      ctx.taint.taint(args[1]) === SOURCE ? "high" : "medium",
      "insertAdjacentHTML() of non-constant HTML",
    );
  } else if (
    SQL_CALL.test(path) &&
    first &&
    taint !== CONSTANT &&
    isComposed(first) &&
    SQL_TEXT.test(textOfStrings(first))
  ) {
    ctx.report(
      call,
      "code.cwe-89",
      taint === SOURCE ? "critical" : "high",
      `${path}() runs SQL built by string concatenation`,
    );
  } else if (
    /^(serialize\.unserialize|unserialize|nodeSerialize\.unserialize)$/.test(path) &&
    first &&
    taint !== CONSTANT
  ) {
    ctx.report(
      call,
      "code.cwe-502",
      taint === SOURCE ? "critical" : "high",
      "node-serialize unserialize() executes functions embedded in data",
    );
  }
}

/** Assignments, properties and JSX attributes in JavaScript / TypeScript. */
export function javascriptAssignment(node: Node, ctx: RuleContext): void {
  if (node.type === "jsx_attribute") {
    jsxAttribute(node, ctx);
    return;
  }
  const left =
    node.childForFieldName("left") ?? node.childForFieldName("key") ?? node.childForFieldName("name");
  const right = node.childForFieldName("right") ?? node.childForFieldName("value");
  if (!left) return;
  const name =
    left.type === "member_expression"
      ? (left.childForFieldName("property")?.text ?? "")
      : (stringValue(left) ?? left.text);
  if ((name === "innerHTML" || name === "outerHTML") && right && node.type === "assignment_expression") {
    const t = ctx.taint.taint(right);
    if (t !== CONSTANT)
      ctx.report(node, "code.cwe-79", t === SOURCE ? "high" : "medium", `${name} assigned non-constant HTML`);
  } else if (name === "dangerouslySetInnerHTML") {
    const html = right
      ? objectProperty(
          unwrapExpression(right.type === "jsx_expression" ? (right.namedChild(0) ?? right) : right),
          "__html",
        )
      : undefined;
    const t = html ? ctx.taint.taint(html) : CONSTANT;
    ctx.report(
      node,
      "code.cwe-79",
      t === SOURCE ? "high" : html && t !== CONSTANT ? "medium" : "low",
      "dangerouslySetInnerHTML renders raw HTML",
    );
  } else if (name === "rejectUnauthorized" && right && right.type === "false") {
    ctx.report(node, "code.cwe-295", "high", "rejectUnauthorized: false accepts any certificate");
  } else if (/NODE_TLS_REJECT_UNAUTHORIZED$/.test(left.text) && right && stringValue(right) === "0") {
    ctx.report(
      node,
      "code.cwe-295",
      "high",
      "NODE_TLS_REJECT_UNAUTHORIZED=0 disables certificate checks process-wide",
    );
  } else if (left.type === "subscript_expression" && node.type === "assignment_expression") {
    prototypePollution(node, left, ctx);
  }
}

function prototypePollution(node: Node, left: Node, ctx: RuleContext): void {
  const key = left.childForFieldName("index");
  if (!key || isConstant(key)) return;
  const keyTaint = ctx.taint.taint(key);
  const object = left.childForFieldName("object");
  const nested = object?.type === "subscript_expression" && !isConstant(object.childForFieldName("index"));
  let loop: Node | null = node.parent;
  while (
    loop &&
    loop.type !== "for_in_statement" &&
    ![
      "function_declaration",
      "arrow_function",
      "function_expression",
      "method_definition",
      "program",
    ].includes(loop.type)
  )
    loop = loop.parent;
  const loopKey = loop?.type === "for_in_statement" ? loop.childForFieldName("left")?.text : undefined;
  const keys = [
    key.text,
    object?.type === "subscript_expression" ? object.childForFieldName("index")?.text : undefined,
  ];
  const inKeyLoop = loopKey !== undefined && keys.includes(loopKey);
  let scope: Node | null = node.parent;
  while (
    scope &&
    ![
      "function_declaration",
      "arrow_function",
      "function_expression",
      "method_definition",
      "program",
    ].includes(scope.type)
  )
    scope = scope.parent;
  const guarded = /__proto__|hasOwnProperty|hasOwn|constructor|Object\.create\(null\)/.test(
    scope?.text ?? "",
  );
  if (guarded) return;
  if (keyTaint === SOURCE && (nested || inKeyLoop))
    ctx.report(
      node,
      "code.cwe-1321",
      "high",
      "object keys from untrusted input are assigned without a __proto__ check",
    );
  else if (nested && inKeyLoop)
    ctx.report(
      node,
      "code.cwe-1321",
      "medium",
      "recursive merge assigns keys without a __proto__ / constructor check",
    );
}

const SECRET_COMPARE =
  /(password|passwd|secret|signature|hmac|api_?key|apikey|csrf_?token|auth_?token|access_?token)$/i;
// A digest or hash is often an integrity check of public data: a hint (low), not a finding.
const WEAK_COMPARE = /(token|hash|digest|pass|pwd|sig|mac)$/i;

/** `a === b` where one side names a secret: timing-unsafe comparison. */
export function secretComparison(node: Node, ctx: RuleContext): void {
  const operator =
    node.childForFieldName("operator")?.text ??
    node.children.find((c) => c && /^(===|!==|==|!=)$/.test(c.text))?.text;
  if (!operator || !/^(===|!==|==|!=)$/.test(operator)) return;
  const sides =
    node.type === "comparison_operator"
      ? node.namedChildren.filter((c): c is Node => c !== null)
      : [node.childForFieldName("left"), node.childForFieldName("right")].filter(
          (c): c is Node => c !== null,
        );
  if (sides.length !== 2) return;
  const [a, b] = sides as [Node, Node];
  const names = [a, b].map((s) => dotted(s)?.split(".").pop() ?? "");
  const strong = names.some((n) => SECRET_COMPARE.test(n));
  const weak = names.some((n) => WEAK_COMPARE.test(n));
  if (!strong && !weak) return;
  // A literal, undefined, or a named constant (ALL_CAPS) on one side is a type or sentinel check.
  const literal = [a, b].some(
    (s) =>
      isConstant(s) ||
      s.text === "undefined" ||
      /^[A-Z][A-Z0-9_]{2,}$/.test(dotted(s)?.split(".").pop() ?? ""),
  );
  if (strong && !literal)
    ctx.report(node, "code.cwe-208", "medium", `${operator} on a secret leaks its value through timing`);
  else ctx.report(node, "code.cwe-208", "low", `${operator} on a value named like a secret`);
}

/** `<div dangerouslySetInnerHTML={{ __html: value }} />` */
function jsxAttribute(node: Node, ctx: RuleContext): void {
  const name = node.namedChild(0);
  if (name?.text !== "dangerouslySetInnerHTML") return;
  const value = node.namedChild(1);
  const object = value?.type === "jsx_expression" ? value.namedChild(0) : value;
  const html = object ? objectProperty(unwrapExpression(object), "__html") : undefined;
  const t = html ? ctx.taint.taint(html) : CONSTANT;
  ctx.report(
    node,
    "code.cwe-79",
    t === SOURCE ? "high" : t === CONSTANT ? "low" : "medium",
    "dangerouslySetInnerHTML renders raw HTML",
  );
}
