/** A cookie-keeping HTTP client for the review server, as a browser form would talk to it. */
export class Client {
  readonly cookies = new Map<string, string>();

  constructor(readonly base: string) {}

  async get(path: string): Promise<{ status: number; text: string; headers: Headers }> {
    const res = await fetch(this.base + path, { headers: this.#headers(), redirect: "manual" });
    this.#keep(res);
    return { status: res.status, text: await res.text(), headers: res.headers };
  }

  async post(path: string, form: Record<string, string>, extra: Record<string, string> = {}) {
    const res = await fetch(this.base + path, {
      method: "POST",
      headers: {
        ...this.#headers(),
        "content-type": "application/x-www-form-urlencoded",
        origin: this.base,
        ...extra,
      },
      body: new URLSearchParams(form).toString(),
      redirect: "manual",
    });
    this.#keep(res);
    return { status: res.status, text: await res.text(), headers: res.headers };
  }

  /** The CSRF token in the last page's forms. */
  static csrf(page: string): string {
    const match = /name="csrf" value="([^"]+)"/.exec(page);
    if (match?.[1] === undefined) throw new Error("no csrf field on the page");
    return match[1];
  }

  /** Signs in with `token`; returns the status of the login POST. */
  async login(token: string): Promise<number> {
    const page = await this.get("/login");
    return (await this.post("/login", { token, csrf: Client.csrf(page.text) })).status;
  }

  #headers(): Record<string, string> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    return cookie === "" ? {} : { cookie };
  }

  #keep(res: Response): void {
    for (const header of res.headers.getSetCookie()) {
      const [pair] = header.split(";");
      const eq = pair?.indexOf("=") ?? -1;
      if (pair === undefined || eq < 0) continue;
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (value === "" || /max-age=0/i.test(header)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}
