// OCR noise on a printed line: letter/digit confusions (O/0, I/1, l/1, S/5, B/8), dropped
// spaces and stray punctuation, in words only: amounts and dates are left as printed.
import type { Random } from "./random.js";

const CONFUSIONS: Readonly<Record<string, readonly string[]>> = {
  O: ["0"],
  I: ["1", "l"],
  L: ["1"],
  S: ["5"],
  B: ["8"],
};
const STRAY = [".", ",", "'", ":", "`"];

const MONTH = /^(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)/i;
/** Words get noise; amounts, dates, month names and currency symbols do not. */
const isWord = (token: string) => !/[\d$€£]/.test(token) && !MONTH.test(token);

/** `level` 0: none; 1: typical; 2: heavy. */
export function ocrNoise(rng: Random, line: string, level: number): string {
  if (level <= 0) return line;
  const tokens = line.split(" ");
  const noisy = tokens.map((token) => {
    if (!isWord(token)) return token;
    let out = "";
    for (const ch of token) {
      const options = CONFUSIONS[ch];
      out += options !== undefined && rng.chance(0.025 * level) ? rng.pick(options) : ch;
      if (/[A-Z]/.test(ch) && rng.chance(0.004 * level)) out += rng.pick(STRAY);
    }
    return out;
  });
  // Dropped spaces: two words run together.
  if (noisy.length > 2 && rng.chance(0.08 * level)) {
    const i = rng.int(0, noisy.length - 2);
    if (isWord(noisy[i] ?? "1") && isWord(noisy[i + 1] ?? "1") && noisy[i] !== "" && noisy[i + 1] !== "") {
      noisy.splice(i, 2, `${noisy[i]}${noisy[i + 1]}`);
    }
  }
  return noisy.join(" ");
}
