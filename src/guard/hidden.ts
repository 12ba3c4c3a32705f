import {
  BASE64_BLOB,
  BINARY_RUN,
  decodeBase64,
  decodeBinary,
  decodeHex,
  decodeMorse,
  HEX_RUN,
  MORSE_RUN,
} from "./decode.js";

/**
 * Hidden text: characters and encodings a human reader does not see but a model reads. Finds
 * them, and builds the "revealed" text the rules scan (invisible characters removed, tag
 * characters, HTML comments and base64 blobs decoded), with offsets back into the original.
 */

/** Something hidden in the text, with its span in the original text. */
export interface HiddenPart {
  readonly kind:
    | "zero-width"
    | "bidi"
    | "unicode-tags"
    | "html-comment"
    | "base64"
    | "encoded"
    | "css-hidden";
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
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;
/** Left-to-right and right-to-left marks: invisible, but ordinary in right-to-left text. */
const DIRECTION_MARK = /[\u200E\u200F]/;
/** Joiners shape emoji sequences and Indic or Persian script; between ASCII letters they only hide. */
const JOINER = /[\u200C\u200D]/;
const ASCII_WORD = /[A-Za-z0-9]/;
/** The black flag that starts emoji tag sequences (subdivision flags such as England's). */
const BLACK_FLAG = 0x1f3f4;
const HTML_COMMENT = /<!--([\s\S]*?)-->/g;
const CSS_HIDDEN =
  /<(\w+)[^>]*style\s*=\s*["'][^"']*(?:display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0|opacity\s*:\s*0(?:\.0+)?\b|color\s*:\s*(?:white|#fff(?:fff)?\b|transparent))[^"']*["'][^>]*>([\s\S]*?)<\/\1>/gi;

const ENCODINGS: readonly [RegExp, (run: string) => string | undefined][] = [
  [BINARY_RUN, decodeBinary],
  [HEX_RUN, decodeHex],
  [MORSE_RUN, decodeMorse],
];

/** Reveals what is hidden in `text`. Pure; linear in the text length. */
export function reveal(text: string): Revealed {
  const hidden: HiddenPart[] = [];
  let out = "";
  const offsets: number[] = [];
  let tagStart = -1;
  let tagDecoded = "";
  const flush = (i: number): void => {
    if (tagStart >= 0) {
      // An emoji subdivision flag (black flag + a short region code in tags) is not hidden text.
      const flag = text.codePointAt(tagStart - 2) === BLACK_FLAG && /^[a-z0-9]{2,6}$/.test(tagDecoded);
      if (!flag) hidden.push({ kind: "unicode-tags", span: [tagStart, i], decoded: tagDecoded });
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
        const hides =
          !JOINER.test(ch) || ASCII_WORD.test(text[i - 1] ?? "") || ASCII_WORD.test(text[i + 1] ?? "");
        if (hides) hidden.push({ kind: "zero-width", span: [i, i + width] });
      } else if (BIDI.test(ch)) {
        hidden.push({ kind: "bidi", span: [i, i + width] });
      } else if (DIRECTION_MARK.test(ch)) {
        // stripped from the revealed text, not a signal
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
    const decoded = decodeBase64(m[0]);
    if (decoded) hidden.push({ kind: "base64", span: [m.index, m.index + m[0].length], decoded });
  }
  for (const [pattern, decode] of ENCODINGS) {
    for (const m of text.matchAll(pattern)) {
      const decoded = decode(m[0]);
      if (decoded) hidden.push({ kind: "encoded", span: [m.index, m.index + m[0].length], decoded });
    }
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
