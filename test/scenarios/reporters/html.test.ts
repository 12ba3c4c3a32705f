import { describe, expect, it } from "vitest";
import { escapeHtml, html } from "../../../src/scenarios/reporters/escape.js";
import { renderHtml } from "../../../src/scenarios/reporters/html.js";
import { HOSTILE, REPORT } from "./fixtures.js";

describe("renderHtml", () => {
  it("declares a CSP that lets nothing load or run, before anything else in the head", () => {
    const page = renderHtml(REPORT);
    expect(page).toMatch(
      /^<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; base-uri &#39;none&#39;; form-action &#39;none&#39;">/,
    );
  });

  it("is one file: no script, no external stylesheet, font or image, no link off the page", () => {
    const page = renderHtml(REPORT);
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/<(link|img|iframe|object|embed|base|form)\b/i);
    expect(page).not.toMatch(/<[a-z][^<>]*\s(src|on[a-z]+)=/i);
    expect(page).not.toMatch(/url\(/i);
    expect([...page.matchAll(/href="([^"]*)"/g)].every((m) => m[1]?.startsWith("#"))).toBe(true);
  });

  it("escapes agent text in element content", () => {
    const page = renderHtml(REPORT);
    expect(page).toContain("&quot;patch&quot;: &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;");
    expect(page).toContain("&lt;img src=x onerror=alert(2)&gt;");
    expect(page).toContain("done &#39; &quot; &amp; &lt;/pre&gt;&lt;b&gt;bold&lt;/b&gt;");
    expect(page).toContain("&lt;style&gt;body{display:none}&lt;/style&gt; confirmed injection");
    expect(page).not.toContain(HOSTILE.script);
    expect(page).not.toContain(HOSTILE.img);
  });

  it("replaces control characters in agent text with a visible U+FFFD", () => {
    const page = renderHtml(REPORT);
    expect(page).toContain("&amp; \uFFFD\uFFFD\uFFFD end");
    expect([...page].filter((c) => c < " " && c !== "\n")).toEqual([]);
  });

  it("opens failed cases and lists their failures", () => {
    const page = renderHtml(REPORT);
    expect(page).toContain('<details class="case failed" id="case-0-1" open>');
    expect(page).toContain('<details class="case passed" id="case-0-0">');
    expect(page).toContain("<li>expected finding receipt.total-mismatch, none found</li>");
  });
});

describe("the html template tag", () => {
  it("escapes every interpolated string and number, and keeps markup it built", () => {
    const inner = html`<b>${"<i>"}</b>`;
    expect(html`<p title="${`"'`}">${inner}${[html`<br>`, "&"]}${undefined}${null}${3}</p>`.toString()).toBe(
      '<p title="&quot;&#39;"><b>&lt;i&gt;</b><br>&amp;3</p>',
    );
  });

  it("escapes the five characters HTML needs escaped", () => {
    expect(escapeHtml(`&<>"'`)).toBe("&amp;&lt;&gt;&quot;&#39;");
  });
});
