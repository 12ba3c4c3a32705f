import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

/**
 * Debian's Chromium for browser tests (playwright-core never downloads a browser). Where it is
 * missing the tests skip with MISSING; in CI (CI=true) they run and fail instead.
 */
export const CHROMIUM = "/usr/bin/chromium";
export const MISSING = `install chromium: apt-get install -y chromium (no browser at ${CHROMIUM})`;
export const chromiumAvailable = existsSync(CHROMIUM);
/** Whether browser tests run here: the browser is there, or CI demands it. */
export const runBrowserTests = chromiumAvailable || process.env["CI"] === "true";

/** Headless, offline-minded Chromium (no sandbox: CI containers run as root). */
export function launchChromium(): Promise<Browser> {
  if (!chromiumAvailable) throw new Error(MISSING);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-gpu",
    ],
  });
}
