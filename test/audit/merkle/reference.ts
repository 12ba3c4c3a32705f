import crypto from "node:crypto";

/**
 * A tiny, naive RFC 6962 section 2.1 reference, written straight from the text (recursive MTH,
 * PATH and PROOF over the list of entries), to compare the incremental tree against. Independent
 * of src/: it hashes with its own calls.
 */
const h = (...parts: Buffer[]): Buffer => crypto.createHash("sha256").update(Buffer.concat(parts)).digest();

function k(n: number): number {
  let p = 1;
  while (p * 2 < n) p *= 2;
  return p;
}

export function mth(d: readonly Buffer[]): Buffer {
  if (d.length === 0) return h();
  if (d.length === 1) return h(Buffer.from([0]), d[0] as Buffer);
  const s = k(d.length);
  return h(Buffer.from([1]), mth(d.slice(0, s)), mth(d.slice(s)));
}

export function path(m: number, d: readonly Buffer[]): Buffer[] {
  if (d.length <= 1) return [];
  const s = k(d.length);
  return m < s
    ? [...path(m, d.slice(0, s)), mth(d.slice(s))]
    : [...path(m - s, d.slice(s)), mth(d.slice(0, s))];
}

function subproof(m: number, d: readonly Buffer[], b: boolean): Buffer[] {
  if (m === d.length) return b ? [] : [mth(d)];
  const s = k(d.length);
  return m <= s
    ? [...subproof(m, d.slice(0, s), b), mth(d.slice(s))]
    : [...subproof(m - s, d.slice(s), false), mth(d.slice(0, s))];
}

export function proof(m: number, d: readonly Buffer[]): Buffer[] {
  return m === 0 || m === d.length ? [] : subproof(m, d, true);
}
