/**
 * Edit distance at most one (insert, delete, substitute, or swap two neighbours), for names
 * of similar length: the cheap check behind typosquat detection.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

function normalise(name: string): string {
  return name.toLowerCase().replace(/[._]/g, "-");
}

/** The popular name that `name` imitates (one edit away, or the same up to separators), if any. */
export function imitatedName(name: string, popular: ReadonlySet<string>): string | undefined {
  const own = normalise(name);
  if (popular.has(own) || popular.has(name)) return undefined;
  if (own.length < 4) return undefined;
  for (const candidate of popular) {
    const other = normalise(candidate);
    if (other.length < 4) continue;
    if (withinOneEdit(own, other)) return candidate;
    if (own.replace(/-/g, "") === other.replace(/-/g, "")) return candidate;
  }
  return undefined;
}
