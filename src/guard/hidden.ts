/**
 * Hidden text: characters and encodings a human reader does not see but a model reads. Finds
 * them, and builds the "revealed" text the rules scan (invisible characters removed, tag
 * characters, HTML comments and base64 blobs decoded), with offsets back into the original.
 */

/** Something hidden in the text, with its span in the original text. */
export interface HiddenPart {
  readonly kind: "zero-width" | "bidi" | "unicode-tags" | "html-comment" | "base64" | "css-hidden";
  readonly span: [number, number];
  /** What it decodes to (tags, base64) or contains (comments, hidden elements). */
  readonly decoded?: string;
}

/** The text as the model may read it, plus the hidden parts found. */
export interface Revealed {
  /** Original text without zero-width/bidi characters, unicode tags decoded in place. */
  readonly text: string;
  /** For each index of `text`, the index in the original text. */
  readonly offsets: readonly number[];
  readonly hidden: readonly HiddenPart[];
}

const ZERO_WIDTH = /[\u200B-\u200D\u2060-\u2064\u180E\uFEFF\u00AD]/;
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F]/;
const HTML_COMMENT = /<!--([\s\S]*?)-->/g;
const CSS_HIDDEN =
  /<(\w+)[^>]*style\s*=\s*["'][^"']*(?:display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0|opacity\s*:\s*0(?:\.0+)?\b|color\s*:\s*(?:white|#fff(?:fff)?\b|transparent))[^"']*["'][^>]*>([\s\S]*?)<\/\1>/gi;
const BASE64_BLOB = /(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{24,}={0,2}(?![A-Za-z0-9+/=])/g;

/** A decoded base64 blob counts only when it reads as text (mostly printable ASCII words). */
function decodeBase64Text(blob: string): string | undefined {
  if (blob.length % 4 === 1) return undefined;
  // Identifiers and hex digests are not base64 payloads: require mixed case or digits with letters.
  if (!/[a-z]/.test(blob) || !/[A-Z]/.test(blob)) return undefined;
  const decoded = Buffer.from(blob, "base64").toString("utf8");
  if (decoded.length < 12) return undefined;
  const printable = decoded.replace(/[^\x20-\x7E\n\r\t]/g, "").length / decoded.length;
  const spaces = (decoded.match(/ /g) ?? []).length;
  return printable > 0.95 && spaces >= 2 ? decoded : undefined;
}

/** Reveals what is hidden in `text`. Pure; linear in the text length. */
export function reveal(text: string): Revealed {
  const hidden: HiddenPart[] = [];
  let out = "";
  const offsets: number[] = [];
  let zeroWidthStart = -1;
  let bidiStart = -1;
  let tagStart = -1;
  let tagDecoded = "";
  const flush = (i: number): void => {
    if (tagStart >= 0) {
      hidden.push({ kind: "unicode-tags", span: [tagStart, i], decoded: tagDecoded });
      tagStart = -1;
      tagDecoded = "";
    }
  };
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) ?? 0;
    const width = cp > 0xffff ? 2 : 1;
    const ch = String.fromCodePoint(cp);
    if (cp >= 0xe0000 && cp <= 0xe007f) {
      if (tagStart < 0) tagStart = i;
      if (cp >= 0xe0020 && cp <= 0xe007e) {
        const ascii = String.fromCharCode(cp - 0xe0000);
        tagDecoded += ascii;
        out += ascii;
        offsets.push(i);
      }
    } else {
      flush(i);
      // A byte-order mark at the very start is an encoding artefact, not hidden text.
      if (ZERO_WIDTH.test(ch) && !(i === 0 && cp === 0xfeff)) {
        if (zeroWidthStart < 0) zeroWidthStart = i;
        hidden.push({ kind: "zero-width", span: [i, i + width] });
      } else if (BIDI.test(ch)) {
        if (bidiStart < 0) bidiStart = i;
        hidden.push({ kind: "bidi", span: [i, i + width] });
      } else {
        out += ch;
        for (let k = 0; k < width; k++) offsets.push(i + k);
      }
    }
    i += width;
  }
  flush(text.length);
  offsets.push(text.length);

  for (const m of text.matchAll(HTML_COMMENT)) {
    const body = (m[1] ?? "").trim();
    if (body.length > 0)
      hidden.push({ kind: "html-comment", span: [m.index, m.index + m[0].length], decoded: body });
  }
  for (const m of text.matchAll(CSS_HIDDEN)) {
    const body = (m[2] ?? "").trim();
    if (body.length > 0)
      hidden.push({ kind: "css-hidden", span: [m.index, m.index + m[0].length], decoded: body });
  }
  for (const m of text.matchAll(BASE64_BLOB)) {
    const decoded = decodeBase64Text(m[0]);
    if (decoded) hidden.push({ kind: "base64", span: [m.index, m.index + m[0].length], decoded });
  }
  return { text: out, offsets, hidden: mergeRuns(hidden) };
}

/** Adjacent single-character parts of the same kind become one part. */
function mergeRuns(parts: HiddenPart[]): HiddenPart[] {
  const merged: HiddenPart[] = [];
  for (const part of parts) {
    const last = merged.at(-1);
    if (
      last &&
      last.kind === part.kind &&
      last.decoded === undefined &&
      part.decoded === undefined &&
      last.span[1] === part.span[0]
    ) {
      merged[merged.length - 1] = { kind: last.kind, span: [last.span[0], part.span[1]] };
    } else {
      merged.push(part);
    }
  }
  return merged;
}
