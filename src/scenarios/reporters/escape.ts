/**
 * Escaping for the XML and HTML reporters. Everything a report carries may come from an agent
 * (case names come from suite files, the rest from workers, auditors and reviewers), so every
 * string goes through one of these before it lands in markup.
 */

/** What stands in for a character XML 1.0 cannot carry, so a reader sees that something was there. */
export const REPLACEMENT_CHARACTER = "\uFFFD";

/**
 * Characters outside XML 1.0's `Char` production: C0 controls other than tab, line feed and
 * carriage return, lone surrogates, and U+FFFE/U+FFFF. (`u` flag: a well-formed surrogate
 * pair is one code point and is kept.)
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching the control characters XML forbids is the point
const ILLEGAL_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Cs}/gu;

/** `text` with every character XML 1.0 forbids replaced by U+FFFD. */
export function replaceIllegalXmlChars(text: string): string {
  return text.replace(ILLEGAL_XML_CHARS, REPLACEMENT_CHARACTER);
}

const XML_TEXT_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

/** Element content: `&`, `<` and `>` (so `]]>` cannot occur) escaped, illegal characters replaced. */
export function xmlText(text: string): string {
  return replaceIllegalXmlChars(text).replace(/[&<>]/g, (c) => XML_TEXT_ENTITIES[c] ?? c);
}

const XML_ATTR_ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
  // A parser normalises literal whitespace in an attribute value to spaces; references survive.
  "\t": "&#9;",
  "\n": "&#10;",
  "\r": "&#13;",
};

/** An attribute value (to be written between double quotes): markup, quotes and whitespace escaped. */
export function xmlAttr(text: string): string {
  return replaceIllegalXmlChars(text).replace(/[&<>"'\t\n\r]/g, (c) => XML_ATTR_ENTITIES[c] ?? c);
}

const HTML_ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Text for HTML element content or a quoted attribute value: `& < > " '` escaped, and the
 * characters XML forbids (NUL and other controls) replaced by U+FFFD, visibly.
 */
export function escapeHtml(text: string): string {
  return replaceIllegalXmlChars(text).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}

/** A piece of HTML that is already safe: built by `html` from a template, never from a bare string. */
export class Markup {
  readonly #text: string;
  /** Use `html` to build one. */
  constructor(text: string, key: typeof MARKUP_KEY) {
    if (key !== MARKUP_KEY) throw new TypeError("build Markup with the html`...` template tag");
    this.#text = text;
  }
  toString(): string {
    return this.#text;
  }
}

const MARKUP_KEY: unique symbol = Symbol("markup");

/** What `html` accepts in a `${}`: text (escaped), Markup (kept), lists of either, or nothing. */
export type HtmlValue = Markup | string | number | null | undefined | readonly HtmlValue[];

/**
 * A template tag that escapes every interpolated value unless it is Markup made by this tag,
 * so forgetting to escape an agent's text is not possible: `html`<td>${name}</td>``.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Markup {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? "");
  });
  return new Markup(out, MARKUP_KEY);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Markup) return value.toString();
  if (typeof value === "number") return escapeHtml(String(value));
  if (typeof value === "string") return escapeHtml(value);
  return value.map(render).join("");
}
