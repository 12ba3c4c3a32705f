import { createHash } from "node:crypto";
import http from "node:http";
import canonicalize from "canonicalize";
import { afterEach, describe, expect, it } from "vitest";
import { caseView } from "../../../src/review/case-view.js";
import { type ReviewServer, startReviewServer } from "../../../src/review/web/server.js";
import { query } from "../../helpers/db.js";
import { ESCALATING, setupQueue } from "../setup.js";
import { Client } from "./client.js";

const servers: ReviewServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function setupServer(clock?: () => number) {
  const queue = await setupQueue([
    { id: "critical", input: ESCALATING.critical },
    { id: "unsure", input: ESCALATING.unsure },
  ]);
  const alice = queue.registry.add("alice", "reviewer");
  const vera = queue.registry.add("vera", "viewer");
  const server = await startReviewServer({
    db: queue.db,
    port: 0,
    ...(clock === undefined ? {} : { clock }),
  });
  servers.push(server);
  return { ...queue, server, tokens: { alice, vera }, client: () => new Client(server.url) };
}

describe("the review server", () => {
  it("binds loopback and sends a strict CSP and no-sniff on every page", async () => {
    const { server, client } = await setupServer();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const login = await client().get("/login");
    expect(login.headers.get("content-security-policy")).toBe(
      "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
    expect(login.headers.get("x-content-type-options")).toBe("nosniff");
    expect(login.text).not.toMatch(/<script/i);
  });

  it("sends a visitor without a session to the login page and refuses a wrong token", async () => {
    const { client, tokens } = await setupServer();
    const anonymous = client();
    expect((await anonymous.get("/")).headers.get("location")).toBe("/login");
    expect(await anonymous.login(`${tokens.alice}x`)).toBe(401);
    expect(anonymous.cookies.has("cc_session")).toBe(false);
    expect((await anonymous.get("/")).status).toBe(303);
  });

  it("sets the session in an HttpOnly SameSite=Strict cookie whose forgery is refused", async () => {
    const { client, tokens } = await setupServer();
    const browser = client();
    const page = await browser.get("/login");
    const res = await browser.post("/login", { token: tokens.alice, csrf: Client.csrf(page.text) });
    expect(res.headers.getSetCookie().find((c) => c.startsWith("cc_session="))).toMatch(
      /HttpOnly.*SameSite=Strict|SameSite=Strict.*HttpOnly/,
    );
    expect((await browser.get("/")).status).toBe(200);
    const session = browser.cookies.get("cc_session") ?? "";
    const forged = client();
    const [payload, mac] = session.split(".");
    const other = Buffer.from(JSON.stringify({ sid: "x".repeat(20), name: "mallory", exp: 9e15 })).toString(
      "base64url",
    );
    forged.cookies.set("cc_session", `${other}.${mac}`);
    expect((await forged.get("/")).status).toBe(303);
    expect(payload).toBeDefined();
  });

  it("refuses a POST without the CSRF token, or from another origin, and records nothing", async () => {
    const { client, tokens, ids, db } = await setupServer();
    const browser = client();
    await browser.login(tokens.alice);
    const caseId = ids["critical"] ?? "";
    const page = await browser.get(`/cases/${caseId}`);
    expect((await browser.post(`/cases/${caseId}/claim`, {})).status).toBe(403);
    expect((await browser.post(`/cases/${caseId}/claim`, { csrf: "forged" })).status).toBe(403);
    const csrf = Client.csrf(page.text);
    const crossSite = await browser.post(
      `/cases/${caseId}/claim`,
      { csrf },
      { origin: "http://evil.example" },
    );
    expect(crossSite.status).toBe(403);
    expect(query(db, "select count(*) as n from events where kind = 'escalation.claimed'")).toEqual([
      { n: 0 },
    ]);
    expect((await browser.post(`/cases/${caseId}/claim`, { csrf })).status).toBe(200);
  });

  it("lets a viewer read a case but not claim or decide it", async () => {
    const { client, tokens, ids, db } = await setupServer();
    const viewer = client();
    await viewer.login(tokens.vera);
    const caseId = ids["critical"] ?? "";
    const page = await viewer.get(`/cases/${caseId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("only a reviewer can claim and decide");
    expect(page.text).not.toContain('action="/cases/');
    const csrf = Client.csrf(page.text);
    expect((await viewer.post(`/cases/${caseId}/claim`, { csrf })).status).toBe(403);
    const decide = await viewer.post(`/cases/${caseId}/decide`, {
      csrf,
      decision: "accept",
      reason: "looks fine",
    });
    expect(decide.status).toBe(403);
    expect(decide.text).toContain("vera is a viewer and may not decide");
    expect(query(db, "select count(*) as n from human_decisions")).toEqual([{ n: 0 }]);
  });

  it("puts the digest of the case page's view in the decide form and records it on the decision", async () => {
    const now = Date.UTC(2030, 0, 1);
    const { client, tokens, ids, db, database } = await setupServer(() => now);
    const browser = client();
    await browser.login(tokens.alice);
    const caseId = ids["critical"] ?? "";
    const first = await browser.get(`/cases/${caseId}`);
    const claimed = await browser.post(`/cases/${caseId}/claim`, { csrf: Client.csrf(first.text) });
    const shown = caseView(database, caseId, now);
    const expected = createHash("sha256")
      .update(canonicalize(JSON.parse(JSON.stringify(shown))) ?? "")
      .digest("hex");
    expect(claimed.text).toContain(`name="viewDigest" value="${expected}"`);
    const decided = await browser.post(`/cases/${caseId}/decide`, {
      csrf: Client.csrf(claimed.text),
      viewDigest: expected,
      decision: "reject",
      reason: "seen",
    });
    expect(decided.status).toBe(200);
    const [row] = query(db, "select body from events where case_id = ? and kind = 'human.decision'", caseId);
    expect(JSON.parse(String(row?.["body"])).payload.viewDigest).toBe(expected);
  });

  it("refuses a request for another Host name (DNS rebinding)", async () => {
    const { server } = await setupServer();
    // fetch may not set Host; node:http may.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = http.get(`${server.url}/login`, { headers: { host: "evil.example" } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on("error", reject);
    });
    expect(status).toBe(421);
  });
});
