import { html } from "../../../scenarios/reporters/escape.js";
import { csrfField, layout, type PageContext } from "./layout.js";

/** The sign-in form: a reviewer token made by `crosscheck reviewers add NAME`. */
export function loginPage(context: PageContext): string {
  return layout(
    "Sign in",
    context,
    html`<h1>Sign in</h1>
<form method="post" action="/login" class="card login">
  ${csrfField(context.csrf)}
  <label for="token">Reviewer token</label>
  <input id="token" name="token" type="password" autocomplete="off" required>
  <p class="hint">An administrator makes one with <code>crosscheck reviewers add NAME</code>.</p>
  <button type="submit">Sign in</button>
</form>`,
  );
}

/** A page that only says what went wrong (and links back). */
export function errorPage(title: string, context: PageContext): string {
  return layout(title, context, html`<h1>${title}</h1><p><a href="/">Back to the queue</a></p>`);
}
