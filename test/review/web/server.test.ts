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
    const seal = /name="viewSeal" value="([^"]+)"/.exec(claimed.text)?.[1] ?? "";
    // A digest the server did not show (or a missing seal) is refused: nothing is recorded.
    for (const forged of [
      { viewDigest: "0".repeat(64), viewSeal: seal },
      { viewDigest: expected, viewSeal: "forged" },
      { viewDigest: expected },
    ]) {
      const refused = await browser.post(`/cases/${caseId}/decide`, {
        csrf: Client.csrf(claimed.text),
        ...forged,
        decision: "reject",
        reason: "seen",
      });
      expect(refused.status).toBe(400);
      expect(refused.text).toContain("reload the case page and decide again");
    }
    expect(query(db, "select count(*) as n from human_decisions")).toEqual([{ n: 0 }]);
    const decided = await browser.post(`/cases/${caseId}/decide`, {
      csrf: Client.csrf(claimed.text),
      viewDigest: expected,
      viewSeal: seal,
      decision: "reject",
      reason: "seen",
    });
    expect(decided.status).toBe(200);
    const [row] = query(db, "select body from events where case_id = ? and kind = 'human.decision'", caseId);
    expect(JSON.parse(String(row?.["body"])).payload.viewDigest).toBe(expected);
  });

  it("ends the session at sign-out, so a copy of the cookie stops working", async () => {
    const { client, tokens } = await setupServer();
    const browser = client();
    await browser.login(tokens.alice);
    const queue = await browser.get("/");
    const copy = client();
    copy.cookies.set("cc_session", browser.cookies.get("cc_session") ?? "");
    expect((await copy.get("/")).status).toBe(200);
    expect((await browser.post("/logout", { csrf: Client.csrf(queue.text) })).status).toBe(303);
    expect((await copy.get("/")).status).toBe(303);
    expect((await copy.get("/")).headers.get("location")).toBe("/login");
  });

  it("lets another reviewer give a decided case a second review, shown on the page and in the stats", async () => {
    const { client, tokens, ids, db, registry } = await setupServer();
    const bobToken = registry.add("bob", "reviewer");
    const caseId = ids["critical"] ?? "";
    const alice = client();
    await alice.login(tokens.alice);
    const page = await alice.get(`/cases/${caseId}`);
    const claimed = await alice.post(`/cases/${caseId}/claim`, { csrf: Client.csrf(page.text) });
    const field = (text: string, name: string) =>
      new RegExp(`name="${name}" value="([^"]+)"`).exec(text)?.[1] ?? "";
    const decided = await alice.post(`/cases/${caseId}/decide`, {
      csrf: Client.csrf(claimed.text),
      viewDigest: field(claimed.text, "viewDigest"),
      viewSeal: field(claimed.text, "viewSeal"),
      decision: "accept",
      reason: "fine by me",
    });
    expect(decided.status).toBe(200);
    // The first reviewer gets no second-review form on their own decision.
    expect(decided.text).not.toContain('id="second-review"');
    const bob = client();
    await bob.login(bobToken);
    const decidedPage = await bob.get(`/cases/${caseId}`);
    expect(decidedPage.text).toContain('id="second-review"');
    // Alice's seal is not valid in Bob's session.
    const stolen = await bob.post(`/cases/${caseId}/second-review`, {
      csrf: Client.csrf(decidedPage.text),
      viewDigest: field(decidedPage.text, "viewDigest"),
      viewSeal: field(claimed.text, "viewSeal"),
      decision: "reject",
      reason: "no",
    });
    expect(stolen.status).toBe(400);
    const second = await bob.post(`/cases/${caseId}/second-review`, {
      csrf: Client.csrf(decidedPage.text),
      viewDigest: field(decidedPage.text, "viewDigest"),
      viewSeal: field(decidedPage.text, "viewSeal"),
      decision: "reject",
      reason: "the critical finding was real",
    });
    expect(second.status).toBe(200);
    expect(second.text).toContain("you overturn alice&#39;s accept");
    expect(second.text).toContain("<strong>overturns</strong>: reject by bob");
    expect(second.text).not.toContain('id="second-review"');
    const [row] = query(db, "select body from events where kind = 'human.second-review'");
    expect(JSON.parse(String(row?.["body"])).payload).toMatchObject({
      agrees: false,
      first: { reviewer: "alice", decision: "accept" },
      review: { reviewer: "bob", decision: "reject" },
      viewDigest: field(decidedPage.text, "viewDigest"),
    });
    const stats = await bob.get("/auditors");
    expect(stats.text).toMatch(
      /<td>alice<\/td><td>1<\/td><td>1<\/td><td>0<\/td><td>[^<]*<\/td><td>1<\/td><td>1<\/td><td>100%<\/td><td>0<\/td>/,
    );
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
