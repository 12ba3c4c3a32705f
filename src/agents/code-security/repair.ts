import type { SourceLanguage } from "./parser.js";

const CLOSER: Record<string, string> = { "(": ")", "[": "]", "{": "}" };

/**
 * The brackets a fragment leaves open at its end, closed in order (e.g. "\n})"): a window cut
 * out of the middle of a function otherwise parses as one error node. Strings and comments are
 * skipped; a closer without its opener (the fragment began inside a block) is ignored.
 */
export function closingSuffix(code: string, language: SourceLanguage): string {
  const stack: string[] = [];
  const python = language === "python";
  let i = 0;
  while (i < code.length) {
    const ch = code[i] as string;
    const next = code[i + 1];
    if (!python && ch === "/" && next === "/") {
      i = skipTo(code, i, "\n");
    } else if (!python && ch === "/" && next === "*") {
      const end = code.indexOf("*/", i + 2);
      i = end < 0 ? code.length : end + 2;
    } else if (python && ch === "#") {
      i = skipTo(code, i, "\n");
    } else if (ch === '"' || ch === "'" || ch === "`") {
      const triple = python && code.startsWith(ch.repeat(3), i);
      i = skipString(code, i, triple ? ch.repeat(3) : ch, ch === "`" || triple);
    } else {
      if (ch in CLOSER) stack.push(CLOSER[ch] as string);
      else if ((ch === ")" || ch === "]" || ch === "}") && stack.at(-1) === ch) stack.pop();
      i++;
    }
  }
  return stack.length === 0 ? "" : `\n${stack.reverse().join("")}`;
}

function skipTo(code: string, from: number, needle: string): number {
  const end = code.indexOf(needle, from);
  return end < 0 ? code.length : end;
}

/** Past the end of a string literal; a single-line string also ends at a newline. */
function skipString(code: string, from: number, quote: string, multiline: boolean): number {
  let i = from + quote.length;
  while (i < code.length) {
    if (code[i] === "\\") {
      i += 2;
      continue;
    }
    if (code.startsWith(quote, i)) return i + quote.length;
    if (!multiline && code[i] === "\n") return i;
    i++;
  }
  return code.length;
}
