import { html, type Markup } from "../../../scenarios/reporters/escape.js";
import type { Reviewer } from "../../reviewers.js";

/** What every page needs: the title, who is signed in (with their CSRF token), and a notice. */
export interface PageContext {
  reviewer?: Reviewer | undefined;
  csrf?: string | undefined;
  /** Seals a case view's digest for this session (`SessionKeys.viewSeal`). */
  seal?: ((caseId: string, digest: string) => string) | undefined;
  /** An error or a confirmation shown at the top of the page. */
  notice?: { kind: "error" | "ok"; text: string } | undefined;
}

/** The page shell: no script anywhere, one same-origin stylesheet (the CSP allows nothing else). */
export function layout(title: string, context: PageContext, body: Markup): string {
  const { reviewer, csrf, notice } = context;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>${title} · Crosscheck review</title>
<link rel="stylesheet" href="/static/review.css">
</head>
<body>
<header class="top">
  <a class="brand" href="/">Crosscheck review</a>
  ${
    reviewer === undefined
      ? ""
      : html`<nav><a href="/">Queue</a> <a href="/auditors">Auditors</a></nav>
  <span class="who">${reviewer.name} <span class="role">${reviewer.role}</span></span>
  <form method="post" action="/logout" class="inline"><input type="hidden" name="csrf" value="${csrf ?? ""}"><button type="submit">Sign out</button></form>`
  }
</header>
<main>
${notice === undefined ? "" : html`<p class="notice ${notice.kind}" role="status">${notice.text}</p>`}
${body}
</main>
</body>
</html>
`.toString();
}

/** A hidden CSRF field for a form. */
export function csrfField(csrf: string | undefined): Markup {
  return html`<input type="hidden" name="csrf" value="${csrf ?? ""}">`;
}

/** "5 min", "3 h 10 min", "2 d 4 h". */
export function formatAge(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString().replace(".000Z", "Z");
}
