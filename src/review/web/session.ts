import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/** How long a session lasts after login, in ms (8 hours: one working day). */
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;
/** How long the login form stays valid, in ms. */
export const LOGIN_TTL_MS = 30 * 60 * 1000;

export const SESSION_COOKIE = "cc_session";
export const LOGIN_COOKIE = "cc_login";

const SessionSchema = z.object({ sid: z.string().min(16), name: z.string().min(1), exp: z.number().int() });
export type Session = z.infer<typeof SessionSchema>;

/**
 * Signs and checks the server's cookies (HMAC-SHA256 with a key that lives only in the server's
 * memory: a restart logs everyone out) and derives each session's CSRF token from it.
 */
export class SessionKeys {
  readonly #key: Buffer;
  /** Sessions signed out before their expiry (sid -> exp): a copied cookie dies with the sign-out. */
  readonly #ended = new Map<string, number>();

  constructor(key: Buffer = randomBytes(32)) {
    this.#key = key;
  }

  /** A new session for `name`, as the cookie value to set. */
  issue(name: string, now: number, ttlMs = SESSION_TTL_MS): { session: Session; cookie: string } {
    const session = { sid: randomBytes(18).toString("base64url"), name, exp: now + ttlMs };
    return { session, cookie: this.#sign(JSON.stringify(session)) };
  }

  /** The session in a cookie value, or undefined when it is missing, forged, malformed or expired. */
  open(cookie: string | undefined, now: number): Session | undefined {
    if (cookie === undefined) return undefined;
    const text = this.#verify(cookie);
    if (text === undefined) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return undefined;
    }
    const session = SessionSchema.safeParse(parsed);
    if (!session.success || session.data.exp <= now || this.#ended.has(session.data.sid)) return undefined;
    return session.data;
  }

  /** Ends `session` now: its cookie (and every copy of it) is refused from here on. */
  end(session: Session, now: number): void {
    for (const [sid, exp] of this.#ended) if (exp <= now) this.#ended.delete(sid);
    this.#ended.set(session.sid, session.exp);
  }

  /**
   * Seals the digest of a case view shown to a session: the decide form carries digest and seal,
   * so the digest recorded on the decision is one this server computed for what it showed.
   */
  viewSeal(sid: string, caseId: string, digest: string): string {
    return this.#mac(`view:${sid}:${caseId}:${digest}`);
  }

  checkViewSeal(sid: string, caseId: string, digest: unknown, seal: unknown): boolean {
    return (
      typeof digest === "string" &&
      typeof seal === "string" &&
      equal(seal, this.viewSeal(sid, caseId, digest))
    );
  }

  /** A login form's nonce and expiry, signed (the pre-session that CSRF-protects the login form). */
  issueLogin(now: number): { sid: string; cookie: string } {
    const sid = randomBytes(18).toString("base64url");
    return { sid, cookie: this.#sign(`${sid}.${now + LOGIN_TTL_MS}`) };
  }

  openLogin(cookie: string | undefined, now: number): string | undefined {
    const text = cookie === undefined ? undefined : this.#verify(cookie);
    const [sid, exp] = text?.split(".") ?? [];
    return sid !== undefined && Number(exp) > now ? sid : undefined;
  }

  /** The CSRF token of a session (or login) id: only this server can compute it. */
  csrfToken(sid: string): string {
    return this.#mac(`csrf:${sid}`);
  }

  /** Whether `token` is the CSRF token of `sid` (constant-time). */
  checkCsrf(sid: string, token: unknown): boolean {
    return typeof token === "string" && equal(token, this.csrfToken(sid));
  }

  #sign(text: string): string {
    const payload = Buffer.from(text).toString("base64url");
    return `${payload}.${this.#mac(payload)}`;
  }

  #verify(cookie: string): string | undefined {
    const dot = cookie.lastIndexOf(".");
    if (dot <= 0) return undefined;
    const payload = cookie.slice(0, dot);
    if (!equal(cookie.slice(dot + 1), this.#mac(payload))) return undefined;
    return Buffer.from(payload, "base64url").toString("utf8");
  }

  #mac(text: string): string {
    return createHmac("sha256", this.#key).update(text).digest("base64url");
  }
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
