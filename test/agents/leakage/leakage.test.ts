import { describe, expect, it } from "vitest";
import type { AuditInput } from "../../../src/agents/auditor.js";
import { leakage } from "../../../src/agents/leakage/leakage.js";
import { findPersonalData, luhn, validIban } from "../../../src/agents/leakage/personal-data.js";
import { findSecrets } from "../../../src/agents/leakage/secrets.js";
import { EmbeddedStore } from "../../../src/rag/embedded-store.js";
import { tempDb } from "../../helpers/temp.js";
import { source } from "../../rag/store-contract.js";
import { auditInputOf, auditorContract } from "../auditor-contract.js";

const signal = new AbortController().signal;
const kinds = (text: string) => findPersonalData(text).map((m) => [m.kind, m.value]);

auditorContract("leakage", () => leakage());

describe("personal data detection", () => {
  it("finds emails, phone numbers, IBANs and card numbers that pass their checks", () => {
    expect(kinds("Mail ann.lee@example.com or call +44 20 7946 0958.")).toEqual([
      ["email", "ann.lee@example.com"],
      ["phone", "+44 20 7946 0958"],
    ]);
    expect(kinds("Pay to GB82 WEST 1234 5698 7654 32 by card 4111 1111 1111 1111.")).toEqual([
      ["iban", "GB82 WEST 1234 5698 7654 32"],
      ["card", "4111 1111 1111 1111"],
    ]);
  });

  it("ignores IBAN and card lookalikes that fail mod-97 or Luhn", () => {
    expect(validIban("GB82WEST12345698765432")).toBe(true);
    expect(validIban("GB83WEST12345698765432")).toBe(false);
    expect(luhn("4111111111111111")).toBe(true);
    expect(luhn("4111111111111112")).toBe(false);
    expect(kinds("ref GB83 WEST 1234 5698 7654 32, order 4111 1111 1111 1112")).toEqual([]);
  });

  it("finds national ids: US SSN (not the invalid 666 area), UK NINO, Malaysian MyKad", () => {
    expect(
      kinds("SSN 123-45-6789, not 666-12-3456; NINO AB 12 34 56 C; IC 850101-14-5678").map((k) => k[1]),
    ).toEqual(["123-45-6789", "AB 12 34 56 C", "850101-14-5678"]);
  });

  it("finds secrets by format and by a secret-looking assignment", () => {
    const found = findSecrets('key AKIAIOSFODNN7EXAMPLE and client_secret = "q8Zr2LxW9vT4mN7pK3sJ6yH1"');
    expect(found.map((m) => m.label)).toEqual(["AWS access key id", 'credential in "client_secret"']);
  });
});

describe("the leakage auditor", () => {
  it("fails an output with personal data, locating each leak without repeating it", async () => {
    const verdict = await leakage().audit(auditInputOf({ reply: "Card 4111 1111 1111 1111 on file." }), {
      signal,
    });
    expect(verdict.decision).toBe("fail");
    expect(verdict.findings).toEqual([
      {
        ruleId: "leakage.pii.card",
        severity: "high",
        message: "the output contains a payment card number (4111…[redacted 19 chars])",
        location: { field: "content.reply", span: [5, 24] },
        evidenceIds: [],
      },
    ]);
  });

  it("passes an output with none", async () => {
    const verdict = await leakage().audit(auditInputOf("Total 12.50 MYR, paid in cash."), { signal });
    expect(verdict.decision).toBe("pass");
  });

  it("flags a passage copied from a document the principal may not read, naming only the missing labels", async () => {
    const store = new EmbeddedStore({ path: tempDb() });
    const secret =
      "The board approved closing the Penang plant in March and moving all staff to the Johor site";
    await store.ingest("kb", [source("board/plans-2025.md", [secret], ["board"])]);
    const restricted = { store, collection: "kb", clearance: { id: "auditor", labels: ["board"] } };
    const output = `Summary: ${secret.toLowerCase()}.`;
    const outsider = leakage({ restricted: { ...restricted, principal: { id: "intern", labels: [] } } });
    const verdict = await outsider.audit(auditInputOf(output) as AuditInput, { signal });
    expect(verdict.findings?.map((f) => [f.ruleId, f.message])).toEqual([
      [
        "leakage.restricted-copy",
        "17 words copied from a document that needs label(s) board the reader does not hold",
      ],
    ]);
    const member = leakage({ restricted: { ...restricted, principal: { id: "cfo", labels: ["board"] } } });
    expect((await member.audit(auditInputOf(output) as AuditInput, { signal })).decision).toBe("pass");
    await store.close();
  });
});
