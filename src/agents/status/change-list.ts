// Reports that list their changes under a heading, one file a bullet, often with no verb.
import type { StatusClaim } from "./claims.js";
import { isPathLike } from "./sentences.js";

const CHANGES_HEADING =
  /^\s*(?:#{1,6}\s*|\*\*)?(?:files?\s+(?:changed|modified|touched|edited|updated)|changes(?:\s+made)?|(?:modified|changed|edited|updated)\s+files)\b[^\n]*$/i;
const ANY_HEADING = /^\s*(?:#{1,6}\s|\*\*[^*]+\*\*:?\s*$|[A-Z][\w ]{0,40}:\s*$)/;

/** Files listed under a "Changes" / "Files changed" heading, one bullet each, with or without a verb. */
export function changeListClaims(report: string): StatusClaim[] {
  const claims: StatusClaim[] = [];
  let inList = false;
  for (const line of report.split("\n")) {
    if (CHANGES_HEADING.test(line)) {
      inList = true;
      continue;
    }
    if (ANY_HEADING.test(line)) inList = false;
    const bullet = /^\s*(?:[-*•+]|\d+[.)])\s+(.*)$/.exec(line)?.[1];
    if (!inList || bullet === undefined) continue;
    const first = /^`([^`]+)`|^(\S+)/.exec(bullet);
    const path = (first?.[1] ?? first?.[2] ?? "").replace(/[:,;]+$/, "");
    if (isPathLike(path))
      claims.push({ kind: "files-changed", files: [path], text: bullet.trim(), from: "text" });
  }
  return claims;
}
