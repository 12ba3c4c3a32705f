import type { Node } from "@vscode/tree-sitter-wasm";
import { inSecurityContext, type RuleContext } from "../context.js";
import {
  calleeOf,
  dotted,
  isConstant,
  isFalsy,
  keywordArg,
  positionalArgs,
  stringValue,
  unwrapExpression,
} from "../syntax.js";
import { CONSTANT, SOURCE } from "../taint.js";
import { checkRegexLiteral } from "./redos.js";

const SHELL_ALWAYS =
  /^(os\.system|os\.popen[234]?|popen2\.popen[234]|commands\.getoutput|commands\.getstatusoutput|subprocess\.getoutput|subprocess\.getstatusoutput|system|popen)$/;
const SUBPROCESS = /^(subprocess\.)?(run|call|check_call|check_output|Popen)$/;
const DESERIALIZE =
  /^(c?[Pp]ickle\.(loads?|Unpickler)|_pickle\.loads?|marshal\.loads?|shelve\.open|jsonpickle\.(decode|loads)|dill\.loads?|cloudpickle\.loads?|pandas\.read_pickle|pd\.read_pickle)$/;
const WEAK_HASH =
  /^(hashlib\.(md5|sha1|md4)|MD5\.new|SHA\.new|SHA1\.new|Crypto\.Hash\.MD5\.new|md5\.new|sha\.new)$/;
const WEAK_CIPHER =
  /^(DES|DES3|ARC4|ARC2|Blowfish|XOR)\.new$|^(algorithms\.(ARC4|TripleDES|Blowfish|IDEA)|modes\.ECB)$/;
const RANDOM =
  /^random\.(random|randint|randrange|choice|choices|sample|shuffle|uniform|getrandbits|triangular)$|^(randint|randrange|getrandbits)$/;
const SQL_CALL = /(^|\.)(execute|executemany|executescript|mogrify|raw|extra)$/;
const HTTP_CALL =
  /^(requests|httpx|session|self\.session|s|client)\.(get|post|put|delete|head|patch|request)$|^(urllib\.request\.)?urlopen$|^urllib2\.urlopen$/;
const FILE_SINK = /^(send_file|send_from_directory|flask\.send_file|os\.remove|os\.unlink|shutil\.rmtree)$/;

function isComposed(node: Node): boolean {
  const n = unwrapExpression(node);
  if (n.type === "binary_operator") return true;
  if (n.type === "string" && n.namedChildren.some((c) => c?.type === "interpolation")) return true;
  const callee = n.type === "call" ? n.childForFieldName("function") : null;
  return callee?.type === "attribute" && callee.childForFieldName("attribute")?.text === "format";
}

/** Calls in Python. */
export function pythonCall(call: Node, ctx: RuleContext): void {
  const path = dotted(calleeOf(call)) ?? "";
  const args = positionalArgs(call);
  const first = args[0];
  const taint = first ? ctx.taint.taint(first) : CONSTANT;
  const shell = keywordArg(call, "shell");

  if (SHELL_ALWAYS.test(path) && first && taint !== CONSTANT) {
    ctx.report(
      call,
      "code.cwe-78",
      taint === SOURCE ? "critical" : isComposed(first) ? "high" : "medium",
      `${path}() runs a shell command built from ${taint === SOURCE ? "untrusted input" : "non-constant data"}`,
    );
  } else if (SUBPROCESS.test(path) && shell?.type === "true" && first && taint !== CONSTANT) {
    ctx.report(
      call,
      "code.cwe-78",
      taint === SOURCE ? "critical" : isComposed(first) ? "high" : "medium",
      `${path}(shell=True) runs a non-constant command line`,
    );
  } else if (/^(eval|exec|builtins\.eval|builtins\.exec)$/.test(path) && first && taint !== CONSTANT) {
    ctx.report(
      call,
      path.endsWith("eval") ? "code.cwe-95" : "code.cwe-94",
      taint === SOURCE ? "critical" : "medium",
      `${path}() runs ${taint === SOURCE ? "untrusted input" : "non-constant code"}`,
    );
  } else if (/^(compile)$/.test(path) && first && taint === SOURCE) {
    ctx.report(call, "code.cwe-94", "critical", "compile() of untrusted input");
  } else if (DESERIALIZE.test(path)) {
    if (taint !== CONSTANT || !first)
      ctx.report(
        call,
        "code.cwe-502",
        taint === SOURCE ? "critical" : "medium",
        `${path}() can execute code embedded in the data`,
      );
  } else if (/^yaml\.(load|load_all|unsafe_load)$/.test(path)) {
    const loader = keywordArg(call, "Loader") ?? args[1];
    if (path.endsWith("unsafe_load") || !loader || !/Safe|Base/.test(loader.text))
      ctx.report(
        call,
        "code.cwe-502",
        taint === SOURCE ? "critical" : "medium",
        `${path}() without SafeLoader constructs arbitrary objects`,
      );
  } else if (
    WEAK_HASH.test(path) ||
    (path === "hashlib.new" && /^(md5|sha1|md4)$/i.test(stringValue(first) ?? ""))
  ) {
    const off = keywordArg(call, "usedforsecurity");
    if (!off || !isFalsy(off))
      ctx.report(
        call,
        "code.cwe-328",
        inSecurityContext(call) ? "high" : "low",
        `${path}() is a broken hash`,
      );
  } else if (WEAK_CIPHER.test(path)) {
    ctx.report(call, "code.cwe-327", "medium", `${path} is a broken cipher or mode`);
  } else if (RANDOM.test(path)) {
    ctx.report(
      call,
      "code.cwe-338",
      inSecurityContext(call) ? "high" : "low",
      `${path}() is not a cryptographic generator (use secrets)`,
    );
  } else if (SQL_CALL.test(path) && first && taint !== CONSTANT) {
    if (isComposed(first))
      ctx.report(
        call,
        "code.cwe-89",
        taint === SOURCE ? "critical" : "high",
        `${path}() runs SQL built with string formatting`,
      );
    else if (taint === SOURCE)
      ctx.report(call, "code.cwe-89", "critical", `${path}() runs SQL taken from untrusted input`);
  } else if (HTTP_CALL.test(path)) {
    const verify = keywordArg(call, "verify");
    if (verify && isFalsy(verify))
      ctx.report(call, "code.cwe-295", "high", `${path}(verify=False) accepts any certificate`);
    else if (first && taint === SOURCE)
      ctx.report(call, "code.cwe-918", "high", `${path}() requests a URL taken from untrusted input`);
  } else if (/^ssl\._create_unverified_context$|^ssl\._create_stdlib_context$/.test(path)) {
    ctx.report(call, "code.cwe-295", "high", `${path}() skips certificate verification`);
  } else if ((path === "open" || FILE_SINK.test(path)) && first && taint === SOURCE) {
    ctx.report(call, "code.cwe-22", "high", `${path}() on a path taken from untrusted input`);
  } else if (
    /^(Markup|markupsafe\.Markup|mark_safe|django\.utils\.safestring\.mark_safe|render_template_string)$/.test(
      path,
    ) &&
    first &&
    taint !== CONSTANT
  ) {
    ctx.report(
      call,
      "code.cwe-79",
      taint === SOURCE ? "high" : isComposed(first) ? "medium" : "low",
      `${path}() marks non-constant text as safe HTML`,
    );
  } else if (/^re\.(compile|match|search|fullmatch|findall|sub|split)$/.test(path) && first) {
    if (taint === CONSTANT) checkRegexLiteral(call, stringValue(first) ?? "", ctx);
    else if (taint === SOURCE)
      ctx.report(call, "code.cwe-1333", "high", `${path}() with a pattern from untrusted input`);
  }
}

/** Assignments and keyword arguments in Python: TLS settings. */
export function pythonAssignment(node: Node, ctx: RuleContext): void {
  const left = node.childForFieldName("left") ?? node.childForFieldName("name");
  const right = node.childForFieldName("right") ?? node.childForFieldName("value");
  if (!left || !right) return;
  const name = left.text.split(".").pop() ?? "";
  if (name === "verify_mode" && /CERT_NONE$/.test(right.text)) {
    ctx.report(node, "code.cwe-295", "high", "verify_mode = CERT_NONE accepts any certificate");
  } else if (name === "check_hostname" && isFalsy(right) && isConstant(right)) {
    ctx.report(node, "code.cwe-295", "high", "check_hostname = False accepts certificates for any host");
  }
}

/** Template strings with `|safe` (Jinja / Django) disable auto-escaping. */
export function safeFilter(node: Node, ctx: RuleContext): void {
  const value = stringValue(node);
  if (value && /\{\{[^}]*\|\s*safe\s*\}\}/.test(value))
    ctx.report(node, "code.cwe-79", "medium", "the |safe filter renders the value as raw HTML");
}
