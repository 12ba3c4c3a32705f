import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { type Bundle, buildBundle } from "../../src/audit/merkle/bundle.js";
import { generateKeyFiles } from "../../src/security/keys.js";
import { verifyBundle } from "../../src/verifier/bundle.js";
import { setupTreeLog, type TreeLogSetup } from "../audit/merkle/setup.js";
import { cli } from "../helpers/cli.js";
import { tempDir } from "../helpers/temp.js";

const opened: TreeLogSetup[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.database.close();
});

/** A log with `runs` interleaved runs (appended in `batches`), checkpoints every `every` events. */
function setupBundle(batches: readonly [run: number, count: number][], every = 4) {
  const s = setupTreeLog({ every });
  opened.push(s);
  for (const [run, count] of batches) s.append(count, `run-${run}`);
  s.log.signCheckpoint();
  const key = fs.readFileSync(s.publicKeyPath, "utf8");
  return {
    s,
    key,
    bundle: (runId = "run-0", redactFields: string[] = []) =>
      buildBundle(s.database, { runId, redactFields }),
  };
}

const clone = (b: Bundle): Bundle => structuredClone(b);

describe("verifyBundle (the standalone verifier)", () => {
  it("verifies an untampered run bundle, wholly redacting other runs' events and reporting redacted fields", () => {
    const { key, bundle } = setupBundle([
      [0, 2],
      [1, 3],
      [0, 2],
    ]);
    const report = verifyBundle(JSON.parse(JSON.stringify(bundle("run-0", ["payload.filters"]))), key);
    expect(report.failures).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.events.map((e) => e.seq)).toEqual([1, 2, 6, 7]);
    expect(report.events[0]?.fields["runId"]).toBe("run-0");
    expect(report.events[0]?.fields["payload.filters"]).toBeUndefined();
    expect(report.redacted).toEqual([
      { seq: 1, fields: ["payload.filters"] },
      { seq: 2, fields: ["payload.filters"] },
      { seq: 3, fields: "event" },
      { seq: 4, fields: "event" },
      { seq: 5, fields: "event" },
      { seq: 6, fields: ["payload.filters"] },
      { seq: 7, fields: ["payload.filters"] },
    ]);
  });

  it("fails, naming what failed, on every kind of tampering of random logs; untampered bundles always verify", () => {
    const other = generateKeyFiles(path.join(tempDir(), "k"), "other", "example.com/log");
    const otherKey = fs.readFileSync(other.publicKeyPath, "utf8");
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 1, max: 5 })), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.integer({ min: 1, max: 6 }),
        fc.nat(),
        fc.nat(),
        (batches, every, pick, byte) => {
          const { key, bundle } = setupBundle([[0, 1], ...batches], every);
          const original = bundle();
          expect(verifyBundle(original, key)).toMatchObject({ ok: true, failures: [] });
          const n = original.events.length;
          const disclosed = original.events.filter((e) => "fields" in e);
          const target = disclosed[pick % disclosed.length];
          // Edit one byte of a disclosed field's value.
          const edited = clone(original);
          const event = edited.events.find((e) => e.seq === target?.seq);
          if (event !== undefined && "fields" in event) {
            const name = Object.keys(event.fields).sort()[byte % Object.keys(event.fields).length] as string;
            const field = event.fields[name] as { value: unknown };
            const text = JSON.stringify(field.value);
            const at = byte % text.length;
            const changed = `${text.slice(0, at)}${text[at] === "1" ? "2" : "1"}${text.slice(at + 1)}`;
            field.value = safeParse(changed) ?? `${text}x`;
            expect(failuresOf(verifyBundle(edited, key))).toContain(`event ${event.seq}`);
          }
          // Delete an event, insert one, reorder two, truncate the range.
          const deleted = clone(original);
          deleted.events.splice(pick % n, 1);
          expect(failuresOf(verifyBundle(deleted, key))).toEqual(["bundle"]);
          const inserted = clone(original);
          inserted.events.splice(
            pick % n,
            0,
            structuredClone(original.events[pick % n] as Bundle["events"][number]),
          );
          expect(failuresOf(verifyBundle(inserted, key))).toEqual(["bundle"]);
          if (n >= 2) {
            const reordered = clone(original);
            const i = pick % (n - 1);
            [reordered.events[i], reordered.events[i + 1]] = [
              reordered.events[i + 1] as never,
              reordered.events[i] as never,
            ];
            expect(failuresOf(verifyBundle(reordered, key))).toContain(`event ${original.first + i}`);
          }
          const truncated = clone(original);
          truncated.events.pop();
          expect(failuresOf(verifyBundle(truncated, key))).toEqual(["bundle"]);
          // Replay an old checkpoint in place of the latest.
          if (original.checkpoints.length >= 2) {
            const replayed = clone(original);
            replayed.checkpoints.pop();
            replayed.consistency.pop();
            expect(verifyBundle(replayed, key).ok).toBe(false);
          }
          // A flipped byte in a checkpoint signature or root, and another log's key.
          const forged = clone(original);
          const note = forged.checkpoints[0] as string;
          forged.checkpoints[0] = note.replace(
            /\n([A-Za-z0-9+/]{10})/,
            (_m, s: string) => `\n${s === "AAAAAAAAAA" ? "BBBBBBBBBB" : "AAAAAAAAAA"}`,
          );
          expect(failuresOf(verifyBundle(forged, key))).toEqual(["checkpoint 0"]);
          expect(failuresOf(verifyBundle(original, otherKey))).toEqual(["checkpoint 0"]);
        },
      ),
      { numRuns: 150 },
    );
  }, 60_000);
});

describe("crosscheck audit bundle / verify-bundle", () => {
  it("writes a bundle that verifies with the public key, and exits 4 naming the failure once edited", async () => {
    const { s } = setupBundle([
      [0, 3],
      [1, 2],
    ]);
    const out = path.join(s.dir, "bundle.json");
    const written = await cli([
      "--db",
      s.file,
      "audit",
      "bundle",
      "--run",
      "run-1",
      "--out",
      out,
      "--redact",
      "actor",
    ]);
    expect(written).toMatchObject({
      code: 0,
      stdout: expect.stringContaining("bundled 2 events (seq 4..5)"),
    });
    const ok = await cli(["audit", "verify-bundle", out, "--pubkey", s.publicKeyPath]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("redacted: event 4: actor");
    fs.writeFileSync(out, fs.readFileSync(out, "utf8").replace('"run-1"', '"run-9"'));
    const bad = await cli(["audit", "verify-bundle", out, "--pubkey", s.publicKeyPath]);
    expect(bad.code).toBe(4);
    expect(bad.stdout).toContain("FAILED event 4: its content does not match leaf 3");
  });
});

function failuresOf(report: ReturnType<typeof verifyBundle>): string[] {
  expect(report.ok).toBe(false);
  return [...new Set(report.failures.map((f) => f.where))];
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
