/**
 * Decoders for text smuggled in encodings a reader skims past but a model decodes: base64,
 * binary octets, hex and Morse. Each returns the decoded text only when it reads as text.
 */

/** True when `decoded` is mostly printable ASCII with a few spaces (words, not bytes). */
function readsAsText(decoded: string, minSpaces = 2): boolean {
  if (decoded.length < 12) return false;
  const printable = decoded.replace(/[^\x20-\x7E\n\r\t]/g, "").length / decoded.length;
  return printable > 0.95 && (decoded.match(/ /g) ?? []).length >= minSpaces;
}

export const BASE64_BLOB = /(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{24,}={0,2}(?![A-Za-z0-9+/=])/g;
export const BINARY_RUN = /(?<![01])(?:[01]{8}[\s,]+){7,}[01]{8}(?![01])/g;
export const HEX_RUN = /(?<![0-9A-Za-z])(?:[0-9a-fA-F]{2}){12,}(?![0-9A-Za-z])/g;
export const MORSE_RUN = /(?<![.\-\w])(?:[.-]{1,7}(?:\s+\/\s+|\s+|\/)){7,}[.-]{1,7}(?![.\-\w])/g;

export function decodeBase64(blob: string): string | undefined {
  if (blob.length % 4 === 1) return undefined;
  // Identifiers and hex digests are not base64 payloads: require both letter cases.
  if (!/[a-z]/.test(blob) || !/[A-Z]/.test(blob)) return undefined;
  const decoded = Buffer.from(blob, "base64").toString("utf8");
  return readsAsText(decoded) ? decoded : undefined;
}

export function decodeBinary(run: string): string | undefined {
  const bytes = (run.match(/[01]{8}/g) ?? []).map((b) => Number.parseInt(b, 2));
  const decoded = Buffer.from(bytes).toString("utf8");
  return readsAsText(decoded) ? decoded : undefined;
}

export function decodeHex(run: string): string | undefined {
  const decoded = Buffer.from(run, "hex").toString("utf8");
  return readsAsText(decoded) ? decoded : undefined;
}

const MORSE: Record<string, string> = {
  ".-": "a",
  "-...": "b",
  "-.-.": "c",
  "-..": "d",
  ".": "e",
  "..-.": "f",
  "--.": "g",
  "....": "h",
  "..": "i",
  ".---": "j",
  "-.-": "k",
  ".-..": "l",
  "--": "m",
  "-.": "n",
  "---": "o",
  ".--.": "p",
  "--.-": "q",
  ".-.": "r",
  "...": "s",
  "-": "t",
  "..-": "u",
  "...-": "v",
  ".--": "w",
  "-..-": "x",
  "-.--": "y",
  "--..": "z",
  "-----": "0",
  ".----": "1",
  "..---": "2",
  "...--": "3",
  "....-": "4",
  ".....": "5",
  "-....": "6",
  "--...": "7",
  "---..": "8",
  "----.": "9",
  "..--..": "?",
  ".-.-.-": ".",
  "--..--": ",",
};

export function decodeMorse(run: string): string | undefined {
  const words = run.trim().split(/\s*\/\s*|\s{3,}/);
  const decoded = words
    .map((w) =>
      w
        .split(/\s+/)
        .map((c) => MORSE[c] ?? "")
        .join(""),
    )
    .join(" ");
  return readsAsText(decoded, 1) ? decoded : undefined;
}
