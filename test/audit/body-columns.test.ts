import { describe, expect, it } from "vitest";
import { columnMismatch, columnsMatchBody } from "../../src/audit/body-columns.js";
import { canonicalBody } from "../../src/audit/chain.js";
import type { EventBody } from "../../src/audit/events.js";

function setupEvent(overrides: Partial<EventBody> = {}): EventBody {
  return {
    seq: 42,
    id: "0b6a9f3e-1111-4222-8333-944455556666",
    ts: 1_735_689_600_123,
    kind: "auditor.verdict",
    runId: "run-1",
    caseId: "case-1",
    node: "audit",
    actor: { type: "agent", id: "totals", role: "auditor" },
    payload: { verdict: { decision: "pass", note: '},"caseId":"x","runId":"y' } },
    ...overrides,
  };
}

/** The columns a row would hold for `event`, with `columns` changed. */
function check(event: EventBody, columns: Partial<EventBody> = {}): boolean {
  const c = { ...event, ...columns };
  return columnsMatchBody([c.seq, c.id, c.ts, c.kind, c.runId, c.caseId, c.node, canonicalBody(event)]);
}

describe("columnsMatchBody", () => {
  it("accepts the columns of a canonical body, whatever its payload holds", () => {
    expect(check(setupEvent())).toBe(true);
    expect(check(setupEvent({ caseId: null, node: null, seq: 1, ts: 0 }))).toBe(true);
  });

  it("rejects any column that differs from the body", () => {
    const event = setupEvent();
    for (const change of [
      { seq: 43 },
      { seq: 4 },
      { ts: event.ts + 1 },
      { id: "other" },
      { kind: "case.ended" as const },
      { runId: "run-10" },
      { caseId: null },
      { caseId: "case-1x" },
      { node: null },
    ]) {
      expect(check(event, change), JSON.stringify(change)).toBe(false);
    }
  });

  it("leaves a column that JSON would escape to the slow check, which has the last word", () => {
    const event = setupEvent({ caseId: 'a "quoted" case' });
    expect(check(event)).toBe(false);
    const body = canonicalBody(event);
    expect(
      columnMismatch([
        event.seq,
        event.id,
        event.ts,
        event.kind,
        event.runId,
        event.caseId,
        event.node,
        body,
      ]),
    ).toBeUndefined();
  });

  it("rejects a body not in the canonical layout", () => {
    const event = setupEvent();
    const body = canonicalBody(event).replace('"ts":', '"ts": ');
    const { seq, id, ts, kind, runId, caseId, node } = event;
    expect(columnsMatchBody([seq, id, ts, kind, runId, caseId, node, body])).toBe(false);
  });
});
