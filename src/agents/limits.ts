/** How an agent call ended when it did not return normally. */
export type AgentFailure = { reason: "timeout" | "error"; message: string };
export type AgentResult<T> =
  | { ok: true; value: T; durationMs: number }
  | ({ ok: false; durationMs: number } & AgentFailure);

const TIMEOUT: unique symbol = Symbol("timeout");

/**
 * Calls an agent with an AbortSignal and a deadline. An exception or a timeout is returned as a
 * failure, never thrown: the caller turns it into a finding. On timeout the signal is aborted
 * so a cooperative agent can stop its work.
 */
export async function callAgent<T>(
  call: (signal: AbortSignal) => Promise<T> | T,
  timeoutMs: number,
): Promise<AgentResult<T>> {
  const controller = new AbortController();
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<typeof TIMEOUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMEOUT), timeoutMs);
  });
  try {
    const winner = await Promise.race([Promise.resolve().then(() => call(controller.signal)), deadline]);
    const durationMs = performance.now() - started;
    if (winner === TIMEOUT) {
      controller.abort(new Error(`timed out after ${timeoutMs} ms`));
      return { ok: false, reason: "timeout", message: `did not finish within ${timeoutMs} ms`, durationMs };
    }
    return { ok: true, value: winner, durationMs };
  } catch (error) {
    return {
      ok: false,
      reason: "error",
      message: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      durationMs: performance.now() - started,
    };
  } finally {
    clearTimeout(timer);
  }
}
