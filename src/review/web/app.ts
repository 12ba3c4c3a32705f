import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { CrosscheckDatabase } from "../../audit/database.js";
import { AuditLog } from "../../audit/log.js";
import { runs } from "../../audit/schema.js";
import { CrosscheckError, type CrosscheckErrorCode, isCrosscheckError } from "../../errors.js";
import { caseView } from "../case-view.js";
import { claimCase, mayDecide, releaseCase } from "../claims.js";
import { decideCase } from "../decide.js";
import { listQueue, type QueueFilter, QueueFilterSchema } from "../queue.js";
import { type Reviewer, ReviewerRegistry } from "../reviewers.js";
import { secondReview } from "../second-review.js";
import type { WorkflowCache } from "../workflow-module.js";
import { auditorsPage } from "./pages/auditors-page.js";
import { casePage } from "./pages/case-page.js";
import { errorPage, loginPage } from "./pages/login-page.js";
import { queuePage } from "./pages/queue-page.js";
import { sameOrigin, securityHeaders } from "./security.js";
import { LOGIN_COOKIE, SESSION_COOKIE, SESSION_TTL_MS, type Session, SessionKeys } from "./session.js";
import { REVIEW_CSS } from "./style.js";

export interface ReviewAppOptions {
  database: CrosscheckDatabase;
  /** Loads the workflow that resumes a decided case (from the file recorded on its run). */
  workflows: WorkflowCache;
  /** `host:port` values the server answers to (anything else is refused: DNS rebinding); read per request. */
  allowedHosts: readonly string[];
  /** ms since the Unix epoch, UTC. Default `Date.now`. */
  clock?: () => number;
  /** Cookie signing key. Default: random, in memory only. */
  keys?: SessionKeys;
}

type Env = { Variables: { reviewer: Reviewer; session: Session } };

/** The HTTP status of each error a reviewer can cause. */
const STATUS: Partial<Record<CrosscheckErrorCode, 400 | 401 | 403 | 404 | 409>> = {
  USAGE: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CASE_NOT_FOUND: 404,
  CASE_NOT_ESCALATED: 404,
  CASE_CLAIMED: 409,
  CLAIM_REQUIRED: 409,
  ALREADY_DECIDED: 409,
};

const cookieOptions = { httpOnly: true, sameSite: "Strict", path: "/" } as const;

/** The review web app: server-rendered pages, no script, signed sessions, CSRF tokens on every POST. */
export function createReviewApp(options: ReviewAppOptions): Hono<Env> {
  const { database, workflows } = options;
  const clock = options.clock ?? Date.now;
  const keys = options.keys ?? new SessionKeys();
  const log = new AuditLog(database);
  const registry = new ReviewerRegistry(database, log);
  // Read on each request: the server fills it in once it knows its port.
  const hosts = options.allowedHosts;
  const app = new Hono<Env>();

  app.use("*", securityHeaders());
  app.use("*", async (c, next) => {
    if (!hosts.includes(c.req.header("host") ?? "")) return c.text("unknown host", 421);
    return next();
  });
  app.use("*", bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.text("request too large", 413) }));
  app.get("/static/review.css", (c) =>
    c.body(REVIEW_CSS, 200, { "Content-Type": "text/css; charset=utf-8" }),
  );

  app.get("/favicon.ico", (c) => c.body(null, 404));

  // A login form still valid keeps its nonce: a second tab (or a stray request) must not void the first.
  app.get("/login", (c) => {
    let sid = keys.openLogin(getCookie(c, LOGIN_COOKIE), clock());
    if (sid === undefined) {
      const login = keys.issueLogin(clock());
      setCookie(c, LOGIN_COOKIE, login.cookie, cookieOptions);
      sid = login.sid;
    }
    return c.html(loginPage({ csrf: keys.csrfToken(sid) }));
  });

  app.post("/login", async (c) => {
    const form = await c.req.parseBody();
    const sid = keys.openLogin(getCookie(c, LOGIN_COOKIE), clock());
    if (!sameOrigin(c) || sid === undefined || !keys.checkCsrf(sid, form["csrf"])) {
      return c.html(errorPage("The sign-in form expired or came from another site: open it again", {}), 403);
    }
    const token = typeof form["token"] === "string" ? form["token"].trim() : "";
    const reviewer = registry.authenticate(token);
    if (reviewer === undefined) {
      const login = keys.issueLogin(clock());
      setCookie(c, LOGIN_COOKIE, login.cookie, cookieOptions);
      return c.html(
        loginPage({
          csrf: keys.csrfToken(login.sid),
          notice: {
            kind: "error",
            text: "That token is not valid (wrong, or revoked): check it, or ask for a new one",
          },
        }),
        401,
      );
    }
    const { cookie } = keys.issue(reviewer.name, clock());
    setCookie(c, SESSION_COOKIE, cookie, { ...cookieOptions, maxAge: SESSION_TTL_MS / 1000 });
    deleteCookie(c, LOGIN_COOKIE, cookieOptions);
    return c.redirect("/", 303);
  });

  // Everything below needs a session of an active reviewer (re-checked on every request).
  app.use("*", async (c, next) => {
    const session = keys.open(getCookie(c, SESSION_COOKIE), clock());
    const reviewer = session === undefined ? undefined : registry.active(session.name);
    if (session === undefined || reviewer === undefined) {
      if (c.req.method === "GET") return c.redirect("/login", 303);
      return c.html(errorPage("Sign in first", {}), 401);
    }
    c.set("session", session);
    c.set("reviewer", reviewer);
    if (c.req.method === "POST") {
      const form = await c.req.parseBody();
      if (!sameOrigin(c) || !keys.checkCsrf(session.sid, form["csrf"])) {
        return c.html(
          errorPage("This form came without a valid CSRF token: reload the page and try again", context(c)),
          403,
        );
      }
    }
    return next();
  });

  const context = (c: Context<Env>, notice?: { kind: "error" | "ok"; text: string }) => ({
    reviewer: c.get("reviewer"),
    csrf: keys.csrfToken(c.get("session").sid),
    seal: (caseId: string, digest: string) => keys.viewSeal(c.get("session").sid, caseId, digest),
    notice,
  });

  /** The digest of the case view this server showed the session (sealed in the form), or USAGE. */
  const shownView = (c: Context<Env>, caseId: string, form: Record<string, unknown>) => {
    const digest = form["viewDigest"];
    if (!keys.checkViewSeal(c.get("session").sid, caseId, digest, form["viewSeal"])) {
      throw new CrosscheckError(
        "USAGE",
        "this form does not carry the sealed digest of the case page it came from: reload the case page and decide again",
      );
    }
    return { digest: String(digest) };
  };

  app.post("/logout", (c) => {
    keys.end(c.get("session"), clock());
    deleteCookie(c, SESSION_COOKIE, cookieOptions);
    return c.redirect("/login", 303);
  });

  app.get("/", (c) => {
    const filter = queueFilter(c.req.query());
    const items = listQueue(database, filter, clock());
    const names = database.db
      .selectDistinct({ workflow: runs.workflow })
      .from(runs)
      .all()
      .map((r) => r.workflow);
    return c.html(queuePage(items, filter, names.sort(), context(c)));
  });

  app.get("/cases/:id", (c) => c.html(casePage(caseView(database, c.req.param("id"), clock()), context(c))));

  app.get("/auditors", (c) => c.html(auditorsPage(database, context(c))));

  /** Runs a case action; on a reviewer's error, shows the case again with the message. */
  const caseAction =
    (run: (c: Context<Env>, caseId: string) => Promise<string> | string) => async (c: Context<Env>) => {
      const caseId = c.req.param("id") ?? "";
      try {
        const done = await run(c, caseId);
        return c.html(casePage(caseView(database, caseId, clock()), context(c, { kind: "ok", text: done })));
      } catch (error) {
        if (!isCrosscheckError(error) || STATUS[error.code] === undefined) throw error;
        const page = tryCaseView(caseId);
        const ctx = context(c, { kind: "error", text: error.message });
        return c.html(
          page === undefined ? errorPage(error.message, ctx) : casePage(page, ctx),
          STATUS[error.code],
        );
      }
    };
  const tryCaseView = (caseId: string) => {
    try {
      return caseView(database, caseId, clock());
    } catch {
      return undefined;
    }
  };

  app.post(
    "/cases/:id/claim",
    caseAction((c, caseId) => {
      const item = claimCase(log, database, caseId, c.get("reviewer"), {
        now: clock(),
        authenticatedBy: "token",
      });
      return `Claimed until ${new Date(item.claim?.expiresAt ?? 0).toISOString()}.`;
    }),
  );
  app.post(
    "/cases/:id/release",
    caseAction((c, caseId) => {
      releaseCase(log, database, caseId, c.get("reviewer"), { now: clock(), authenticatedBy: "token" });
      return "Claim released.";
    }),
  );
  app.post(
    "/cases/:id/decide",
    caseAction(async (c, caseId) => {
      const form = await c.req.parseBody();
      mayDecide(c.get("reviewer"), "decide");
      const view = shownView(c, caseId, form);
      const result = await decideCase(
        log,
        database,
        caseId,
        c.get("reviewer"),
        { decision: String(form["decision"] ?? "") as "accept", reason: String(form["reason"] ?? "") },
        {
          now: clock(),
          authenticatedBy: "token",
          // The digest of the page the reviewer decided on (hidden, sealed fields of the form).
          view,
          workflow: (id) => workflows.forCase(database, id),
        },
      );
      return `Decision recorded; the run resumed and the case ended ${result.outcome}.`;
    }),
  );

  app.post(
    "/cases/:id/second-review",
    caseAction(async (c, caseId) => {
      const form = await c.req.parseBody();
      mayDecide(c.get("reviewer"), "second-review");
      const view = shownView(c, caseId, form);
      const review = secondReview(
        log,
        database,
        caseId,
        c.get("reviewer"),
        { decision: String(form["decision"] ?? "") as "accept", reason: String(form["reason"] ?? "") },
        { now: clock(), authenticatedBy: "token", view },
      );
      return review.agrees
        ? `Second review recorded: you agree with ${review.first.reviewer}.`
        : `Second review recorded: you overturn ${review.first.reviewer}'s ${review.first.decision} (the case's outcome stands; it counts in their overturn rate).`;
    }),
  );

  app.notFound((c) => c.html(errorPage("Not found", {}), 404));
  app.onError((error, c) => {
    if (isCrosscheckError(error) && STATUS[error.code] !== undefined) {
      return c.html(errorPage(error.message, {}), STATUS[error.code] ?? 400);
    }
    console.error(error);
    return c.html(errorPage("Internal error: see the server's log", {}), 500);
  });
  return app;
}

/** The queue filter from the URL (`?workflow=&severity=&state=&age=`); empty fields are ignored. */
function queueFilter(query: Record<string, string>): QueueFilter {
  const filter: Record<string, unknown> = {};
  if (query["workflow"]) filter["workflow"] = query["workflow"];
  if (query["severity"]) filter["minSeverity"] = query["severity"];
  if (query["state"]) filter["state"] = query["state"];
  if (query["age"]) filter["minAgeMinutes"] = Number(query["age"]);
  const parsed = QueueFilterSchema.safeParse(filter);
  if (!parsed.success)
    throw new CrosscheckError("USAGE", "the queue filter is invalid: pick values from the form");
  return parsed.data;
}
