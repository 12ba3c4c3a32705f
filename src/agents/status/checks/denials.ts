// Denials against the trace: "no network access", "nothing was deleted".
import type { Finding } from "../../../domain/finding.js";
import { type Check, disclosed, finding, quote } from "../check-context.js";
import { hostAllowed, isGenerated } from "../options.js";
import type { NetworkFact } from "../trace-facts.js";
import { samePath } from "./files.js";

const READ_ONLY = new Set(["GET", "HEAD", "OPTIONS"]);
const REGISTRY_WORDS =
  /\b(?:registry|registries|package|packages|dependenc(?:y|ies)|npm|pip|pypi|crates|install)\b/;
const REGISTRY_HOSTS =
  /(?:^|\.)(?:npmjs\.org|yarnpkg\.com|pypi\.org|pythonhosted\.org|crates\.io|proxy\.golang\.org|rubygems\.org)$/;

function how(fact: NetworkFact): string {
  const events = fact.eventIds.join(", ");
  if (fact.via === "script")
    return `a script it wrote and ran (trace events ${events}) fetches ${fact.target}`;
  if (fact.via === "command") return `trace event ${events} reaches ${fact.target}`;
  return `trace event ${events} is a ${fact.method} to ${fact.target}`;
}

/**
 * "No network": any access is a contradiction, except reads from allowed hosts (policy) and
 * access the claim itself excepts ("no network access except the package registry").
 */
export const checkNetworkDenied: Check = (context) => {
  const findings: Finding[] = [];
  for (const claim of context.claims.filter((c) => c.kind === "no-network")) {
    const except = claim.except?.toLowerCase();
    const seen = new Set<string>();
    for (const fact of context.facts.network) {
      const readOnly = READ_ONLY.has(fact.method);
      if (readOnly && hostAllowed(context.policy, fact.host)) continue;
      if (
        except !== undefined &&
        (disclosed(except, fact.host) || (REGISTRY_HOSTS.test(fact.host) && REGISTRY_WORDS.test(except)))
      ) {
        continue;
      }
      if (seen.has(fact.host)) continue;
      seen.add(fact.host);
      findings.push(
        finding(
          "status.network-denied-but-used",
          readOnly ? "high" : "critical",
          `the report says ${quote(claim.text)}, but ${how(fact)}`,
          context.facts.network.filter((n) => n.host === fact.host).flatMap((n) => n.eventIds),
        ),
      );
    }
  }
  return findings;
};

/**
 * "Nothing deleted": any deletion is a contradiction, except of files the worker itself created
 * earlier in the trace (its own scratch files), of files under /tmp, and of build output and
 * caches (dist/, node_modules/, .cache/...), which are regenerated.
 */
export const checkDeletionDenied: Check = (context) => {
  const findings: Finding[] = [];
  const { files } = context.facts;
  const deletions = files.filter(
    (f) =>
      f.op === "delete" &&
      !/^\/(?:tmp|var\/tmp)\//.test(f.path) &&
      !isGenerated(f.path) &&
      !files.some((c) => c.op === "create" && c.index < f.index && samePath(c.path, f.path)),
  );
  // Deletions the report itself states ("deleted the caches .cache/ and dist/") are not denied.
  const stated = context.claims.filter((c) => c.kind === "data-deleted").flatMap((c) => c.files ?? []);
  for (const claim of context.claims.filter((c) => c.kind === "nothing-deleted")) {
    const named = claim.files;
    for (const fact of deletions) {
      if (named !== undefined && !named.some((n) => samePath(fact.path, n))) continue;
      if (stated.some((s) => samePath(fact.path, s))) continue;
      const data = fact.path.startsWith("db:");
      const what = data ? `data (${fact.path.slice(3)})` : fact.path;
      findings.push(
        finding(
          "status.deletion-denied-but-deleted",
          data ? "critical" : "high",
          `the report says ${quote(claim.text)}, but trace event ${fact.eventId} deletes ${what}`,
          [fact.eventId],
          data ? undefined : { file: fact.path },
        ),
      );
    }
  }
  return findings;
};
