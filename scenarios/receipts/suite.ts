// The receipts scenario suite: `npm run scenarios` or `crosscheck scenarios scenarios/receipts/suite.ts`.
//
// Tags: honest (the extractor runs on a receipt, or a correct output is supplied), total,
// arithmetic, date, source, vendor (what receiptAudit catches), reextract (the independent reading
// disagrees), escalation (a human decision is recorded), worker (the worker's output is unusable),
// evidence (the case supplies its own ground truth), ocr (the receipt text is a noisy scan).
import { defineSuite, type Evidence, type Output, type Task } from "../../src/index.js";
import { extractReceipt } from "./extractor.js";
import { type Receipt, receiptLines } from "./receipt.js";
import { sha256Hex, type Vendor, vendorText } from "./registry.js";
import {
  BAKERY_EU,
  BOOKSHOP,
  BOOKSHOP_BANNER,
  BOOKSHOP_FIELDS,
  CAFE,
  CAFE_VENDOR,
  DINER_US,
  FRUIT_STALL,
  GROCERY,
  GROCERY_EXCL,
  GROCERY_FIELDS,
  GROCERY_NOISY,
  GROCERY_NOISY_FIELDS,
  GROCERY_WRAPPED,
  GROCERY_WRONG_RATE,
  HARDWARE_BAD_DATE,
  HARDWARE_CARD,
  HARDWARE_DISCOUNT,
  HARDWARE_EDITED_TAX,
  HARDWARE_FUTURE,
  HARDWARE_WRONG_REG,
  RESTAURANT,
  TORN,
  WORKSHOP,
} from "./samples.js";
import workflow from "./workflow.js";

/** Findings no clean receipt may raise (false positives). */
const CLEAN = [
  "receipt.total-mismatch",
  "receipt.items-sum",
  "receipt.field-not-in-source",
  "receipt.total-not-total-line",
  "receipt.total-transposed",
  "receipt.total-cents-dropped",
  "receipt.total-is-tax",
  "receipt.total-is-subtotal",
  "receipt.tax-rate-mismatch",
  "receipt.invalid-date",
  "receipt.date-reformatted",
  "receipt.date-in-future",
  "receipt.company-not-header",
  "receipt.address-truncated",
  "receipt.unknown-vendor",
  "receipt.vendor-registration-mismatch",
  "receipt.duplicate-submission",
  "receipt.extraction-disagrees",
];

/**
 * A faulty worker: the bundled extractor, then one mistake a real extractor (OCR, a model) makes.
 * `mistake` gets what the extractor read and the receipt's lines.
 */
function faultyWorker(
  status: string,
  mistake: (read: Partial<Receipt>, lines: readonly string[]) => Partial<Receipt>,
): (task: Task) => Output<Partial<Receipt>> {
  return (task) => {
    const text = String((task.input as { text?: unknown } | undefined)?.text ?? "");
    return { content: mistake(extractReceipt(text), receiptLines(text)), status };
  };
}

/** The last amount on the first line a pattern matches, as printed. */
function amountOn(lines: readonly string[], pattern: RegExp): string {
  const line = lines.find((l) => pattern.test(l)) ?? "";
  return line.split(/\s{2,}/).at(-1) ?? "";
}

/** A registry entry as evidence, the way the vendor-registry retriever serves it. */
function registryEvidence(vendor: Vendor): Evidence {
  const text = vendorText(vendor);
  return { id: vendor.id, source: `vendors.json#${vendor.id}`, text, contentHash: sha256Hex(text), score: 1 };
}

export default defineSuite({
  name: "receipts",
  workflow,
  cases: [
    // --- honest receipts: the extractor runs, every auditor passes -----------------------------
    {
      name: "grocery receipt with GST is accepted",
      tags: ["honest"],
      task: { id: "grocery", kind: "receipt", input: { text: GROCERY } },
      expect: {
        decision: "accepted",
        findings: [{ ruleId: "receipt.known-vendor", field: "company" }],
        absent: CLEAN,
      },
    },
    {
      name: "bookshop receipt with RM and thousands commas is accepted",
      tags: ["honest"],
      task: { id: "bookshop", kind: "receipt", input: { text: BOOKSHOP } },
      expect: { decision: "accepted", findings: ["receipt.known-vendor"], absent: CLEAN },
    },
    {
      name: "bookshop receipt with a banner, @ quantities and a month-name date is accepted",
      tags: ["honest"],
      task: { id: "bookshop-banner", kind: "receipt", input: { text: BOOKSHOP_BANNER } },
      expect: { decision: "accepted", findings: ["receipt.known-vendor"], absent: CLEAN },
    },
    {
      name: "restaurant bill with service tax and rounding is accepted",
      tags: ["honest"],
      task: { id: "restaurant", kind: "receipt", input: { text: RESTAURANT } },
      expect: { decision: "accepted", absent: CLEAN },
    },
    {
      name: "hardware receipt paid by card (dotted date, NET TOTAL, dealer footer) is accepted",
      tags: ["honest"],
      task: { id: "hardware-card", kind: "receipt", input: { text: HARDWARE_CARD } },
      expect: { decision: "accepted", findings: ["receipt.known-vendor"], absent: CLEAN },
    },
    {
      name: "grocery receipt with TOTAL QTY and TOTAL EXCL. SST lines but no subtotal is accepted",
      tags: ["honest"],
      task: { id: "grocery-excl", kind: "receipt", input: { text: GROCERY_EXCL } },
      expect: { decision: "accepted", absent: CLEAN },
    },
    {
      name: "a cafe missing from the bundled registry is accepted on its registry entry given as case evidence",
      tags: ["honest", "vendor", "evidence"],
      task: { id: "cafe", kind: "receipt", input: { text: CAFE } },
      evidence: [registryEvidence(CAFE_VENDOR)],
      expect: {
        decision: "accepted",
        findings: [{ ruleId: "receipt.known-vendor", field: "company" }],
        absent: CLEAN,
      },
    },
    {
      name: "a supplied output with only the required fields is accepted (the sums are read off the receipt)",
      tags: ["honest"],
      task: {
        id: "restaurant-minimal",
        kind: "receipt",
        input: { text: RESTAURANT },
        output: {
          content: {
            company: "RESTORAN NASI KANDAR BESTARI",
            date: "05 JUL 2019",
            address: "23, LEBUH CHULIA, 10200 GEORGE TOWN, PULAU PINANG",
            total: "18.00",
          },
        },
      },
      expect: { decision: "accepted", absent: CLEAN },
    },
    {
      name: "an unknown vendor whose receipt checks out is accepted (the registry finding is info)",
      tags: ["honest", "vendor"],
      task: { id: "fruit-stall", kind: "receipt", input: { text: FRUIT_STALL } },
      expect: {
        decision: "accepted",
        findings: ["receipt.unknown-vendor"],
        absent: CLEAN.filter((rule) => rule !== "receipt.unknown-vendor"),
      },
    },

    {
      name: "German bakery receipt with decimal commas and VAT included is accepted",
      tags: ["honest"],
      task: { id: "bakery-eu", kind: "receipt", input: { text: BAKERY_EU } },
      expect: {
        decision: "accepted",
        findings: ["receipt.unknown-vendor"],
        absent: CLEAN.filter((rule) => rule !== "receipt.unknown-vendor"),
      },
    },
    {
      name: "US diner receipt with a month-name date and AMOUNT DUE is accepted",
      tags: ["honest"],
      task: { id: "diner-us", kind: "receipt", input: { text: DINER_US } },
      expect: {
        decision: "accepted",
        absent: CLEAN.filter((rule) => rule !== "receipt.unknown-vendor"),
      },
    },
    {
      name: "clean fields read off a noisy scan (T0TAL, 5RI, TE1:, a dropped space) are accepted",
      tags: ["honest", "ocr"],
      task: {
        id: "grocery-noisy",
        kind: "receipt",
        input: { text: GROCERY_NOISY },
        output: { content: GROCERY_NOISY_FIELDS },
      },
      expect: {
        decision: "accepted",
        findings: [{ ruleId: "receipt.known-vendor", field: "company" }],
        absent: CLEAN,
      },
    },

    // --- the total ------------------------------------------------------------------------------
    {
      name: "a supplied output with a wrong total is rejected",
      tags: ["total", "arithmetic"],
      task: {
        id: "grocery-wrong-total",
        kind: "receipt",
        input: { text: GROCERY },
        output: { content: { ...GROCERY_FIELDS, total: "44.40" } },
      },
      expect: {
        decision: "rejected",
        findings: [
          { ruleId: "receipt.field-not-in-source", field: "total", line: 19 },
          { ruleId: "receipt.total-mismatch", field: "total" },
          { ruleId: "receipt.extraction-disagrees", field: "total" },
        ],
      },
    },
    {
      name: "a total with transposed digits (24.40 for 42.40) is rejected",
      tags: ["total"],
      input: { text: GROCERY },
      worker: faultyWorker("extracted every required field", (read) => ({ ...read, total: "24.40" })),
      expect: {
        decision: "rejected",
        // line 19 of GROCERY is "TOTAL  42.40"
        findings: [
          { ruleId: "receipt.total-transposed", field: "total", line: 19 },
          "receipt.total-mismatch",
        ],
        absent: ["receipt.field-not-in-source"],
      },
    },
    {
      name: "a total without its cents (RM 1,409 for RM 1,409.80) is rejected",
      tags: ["total"],
      input: { text: BOOKSHOP },
      worker: faultyWorker("extracted every required field", (read) => ({ ...read, total: "RM 1,409" })),
      expect: {
        decision: "rejected",
        findings: [{ ruleId: "receipt.total-cents-dropped", field: "total", line: 13 }],
      },
    },
    {
      name: "the GST amount given as the total is rejected",
      tags: ["total"],
      input: { text: GROCERY },
      worker: faultyWorker("extracted every required field", (read) => ({ ...read, total: read.tax ?? "" })),
      expect: {
        decision: "rejected",
        // line 17 of GROCERY is "GST 6%  2.40"
        findings: [{ ruleId: "receipt.total-is-tax", field: "total", line: 17 }],
      },
    },
    {
      name: "the subtotal given as the total is rejected",
      tags: ["total"],
      task: {
        id: "bookshop-subtotal-as-total",
        kind: "receipt",
        input: { text: BOOKSHOP },
        output: { content: { ...BOOKSHOP_FIELDS, total: "RM 1,330.00" } },
      },
      expect: {
        decision: "rejected",
        findings: [{ ruleId: "receipt.total-is-subtotal", field: "total", line: 11 }],
      },
    },
    {
      name: "a supplied output whose total is the CASH amount is rejected",
      tags: ["total", "arithmetic"],
      task: {
        id: "bookshop-cash-as-total",
        kind: "receipt",
        input: { text: BOOKSHOP },
        output: { content: { ...BOOKSHOP_FIELDS, total: "RM 1,500.00" } },
      },
      expect: {
        decision: "rejected",
        findings: [{ ruleId: "receipt.total-not-total-line", field: "total" }, "receipt.total-mismatch"],
      },
    },
    {
      name: "a worker that takes the CHANGE amount as the total is rejected",
      tags: ["total", "arithmetic"],
      input: { text: RESTAURANT },
      worker: faultyWorker("extracted every required field", (read, lines) => ({
        ...read,
        total: amountOn(lines, /^CHANGE\b/),
      })),
      expect: {
        decision: "rejected",
        // line 16 of RESTAURANT is "CHANGE  2.00"
        findings: [
          { ruleId: "receipt.total-not-total-line", field: "total", line: 16 },
          { ruleId: "receipt.total-mismatch", field: "total" },
        ],
      },
    },
    {
      name: "a worker that takes the TOTAL EXCL. SST line as the total is rejected",
      tags: ["total", "arithmetic"],
      input: { text: GROCERY_EXCL },
      worker: faultyWorker("extracted every required field", (read, lines) => ({
        ...read,
        total: amountOn(lines, /^TOTAL EXCL/),
      })),
      expect: {
        decision: "rejected",
        findings: [{ ruleId: "receipt.total-not-total-line", field: "total" }, "receipt.items-sum"],
      },
    },

    // --- arithmetic ------------------------------------------------------------------------------
    {
      name: "a worker that misreads the GST amount (79.80 as 79.30) is rejected",
      tags: ["arithmetic", "source"],
      input: { text: BOOKSHOP },
      worker: faultyWorker("extracted every required field", (read) => ({ ...read, tax: "RM 79.30" })),
      expect: {
        decision: "rejected",
        findings: [
          { ruleId: "receipt.total-mismatch", field: "total" },
          { ruleId: "receipt.field-not-in-source", field: "tax" },
        ],
        absent: ["receipt.items-sum", "receipt.total-not-total-line"],
      },
    },
    {
      name: "a receipt whose SST line was edited so that it no longer adds up is rejected",
      tags: ["arithmetic"],
      task: { id: "hardware-edited-tax", kind: "receipt", input: { text: HARDWARE_EDITED_TAX } },
      expect: {
        decision: "rejected",
        findings: [{ ruleId: "receipt.total-mismatch", field: "total" }, "receipt.tax-rate-mismatch"],
        absent: ["receipt.field-not-in-source", "receipt.items-sum", "receipt.unknown-vendor"],
      },
    },
    {
      name: "a GST 6% line holding 5% of the subtotal escalates, and the reviewer rejects",
      tags: ["arithmetic", "escalation"],
      task: { id: "grocery-wrong-rate", kind: "receipt", input: { text: GROCERY_WRONG_RATE } },
      expect: {
        decision: "escalated",
        final: "rejected",
        // line 10 of GROCERY_WRONG_RATE is "GST 6%  1.62"
        findings: [{ ruleId: "receipt.tax-rate-mismatch", field: "tax", line: 10 }],
        absent: ["receipt.total-mismatch", "receipt.field-not-in-source"],
      },
      human: {
        decision: "reject",
        reviewer: "scenario",
        reason: "6% of 32.40 is 1.94: the receipt was altered or misprinted",
      },
    },
    {
      name: "the extractor misses a wrapped item line: items do not sum, the reviewer rejects",
      tags: ["arithmetic", "escalation"],
      task: { id: "grocery-wrapped", kind: "receipt", input: { text: GROCERY_WRAPPED } },
      expect: {
        decision: "escalated",
        final: "rejected",
        findings: [{ ruleId: "receipt.items-sum", field: "items" }],
        absent: ["receipt.total-mismatch", "receipt.field-not-in-source"],
      },
      human: {
        decision: "reject",
        reviewer: "scenario",
        reason: "the detergent line (24.90) wrapped onto a second line and was not extracted",
      },
    },
    {
      name: "a discount line splits the auditors, and the reviewer accepts it",
      tags: ["arithmetic", "escalation"],
      task: { id: "hardware-discount", kind: "receipt", input: { text: HARDWARE_DISCOUNT } },
      expect: {
        decision: "escalated",
        final: "accepted",
        findings: ["receipt.items-sum"],
        absent: ["receipt.total-mismatch", "receipt.field-not-in-source"],
      },
      human: {
        decision: "accept",
        reviewer: "scenario",
        reason: "the 10% member discount (-12.00) explains the gap between items and subtotal",
      },
    },

    // --- the date --------------------------------------------------------------------------------
    {
      name: "a date rewritten as ISO (not as printed) is rejected by both readings",
      tags: ["date", "reextract"],
      input: { text: GROCERY },
      worker: faultyWorker("extracted every required field", (read) => ({ ...read, date: "2018-03-14" })),
      expect: {
        decision: "rejected",
        // line 9 of GROCERY is "DATE: 14/03/2018   TIME: 19:42"
        findings: [
          { ruleId: "receipt.date-reformatted", field: "date", line: 9 },
          { ruleId: "receipt.extraction-disagrees", field: "date" },
        ],
        absent: ["receipt.total-mismatch", "receipt.invalid-date"],
      },
    },
    {
      name: "a date the receipt does not print is rejected by both readings",
      tags: ["date", "reextract"],
      input: { text: RESTAURANT },
      worker: faultyWorker("extracted every required field", (read) => ({ ...read, date: "06 JUL 2019" })),
      expect: {
        decision: "rejected",
        findings: [
          { ruleId: "receipt.field-not-in-source", field: "date", line: 7 },
          { ruleId: "receipt.extraction-disagrees", field: "date" },
        ],
      },
    },
    {
      name: "an impossible date (31 April) escalates, and the reviewer rejects it",
      tags: ["date", "escalation"],
      task: { id: "hardware-bad-date", kind: "receipt", input: { text: HARDWARE_BAD_DATE } },
      expect: {
        decision: "escalated",
        final: "rejected",
        findings: [{ ruleId: "receipt.invalid-date", field: "date", line: 6 }],
        absent: ["receipt.total-mismatch"],
      },
      human: {
        decision: "reject",
        reviewer: "scenario",
        reason: "31/04/2018 does not exist: rescan the receipt",
      },
    },
    {
      name: "a receipt dated 2099 escalates, and the reviewer rejects it",
      tags: ["date", "escalation"],
      task: { id: "hardware-future", kind: "receipt", input: { text: HARDWARE_FUTURE } },
      expect: {
        decision: "escalated",
        final: "rejected",
        findings: [{ ruleId: "receipt.date-in-future", field: "date", line: 6 }],
        absent: ["receipt.total-mismatch", "receipt.invalid-date"],
      },
      human: {
        decision: "reject",
        reviewer: "scenario",
        reason: "a receipt cannot be dated 2099: ask the claimant for the original",
      },
    },

    // --- company and address ----------------------------------------------------------------------
    {
      name: "a company taken from the dealer footer is rejected by both readings",
      tags: ["source", "vendor", "reextract"],
      input: { text: HARDWARE_CARD },
      worker: faultyWorker("extracted every required field", (read, lines) => ({
        ...read,
        company: lines.at(-1) ?? "",
      })),
      expect: {
        decision: "rejected",
        // line 18 of HARDWARE_CARD is "KUASA PAINTS SDN BHD"
        findings: [
          { ruleId: "receipt.company-not-header", field: "company", line: 18 },
          { ruleId: "receipt.unknown-vendor", field: "company" },
          { ruleId: "receipt.extraction-disagrees", field: "company" },
        ],
        absent: ["receipt.total-mismatch", "receipt.items-sum"],
      },
    },
    {
      name: "a company taken from the THANK YOU footer of a noisy scan is rejected",
      tags: ["source", "ocr", "reextract"],
      task: {
        id: "grocery-noisy-footer",
        kind: "receipt",
        input: { text: GROCERY_NOISY },
        output: {
          content: { ...GROCERY_NOISY_FIELDS, company: "THANK YOU FOR SHOPPING AT KEDAI RUNCIT SRI MURNI" },
        },
      },
      expect: {
        decision: "rejected",
        findings: [{ ruleId: "receipt.company-not-header", field: "company", line: 16 }],
      },
    },
    {
      name: "a company taken from an item line is rejected",
      tags: ["source", "reextract"],
      task: {
        id: "grocery-item-as-company",
        kind: "receipt",
        input: { text: GROCERY },
        output: { content: { ...GROCERY_FIELDS, company: "GARDENIA BREAD" } },
      },
      expect: {
        decision: "rejected",
        // line 13 of GROCERY is "GARDENIA BREAD  2 x 3.80  7.60"
        findings: [{ ruleId: "receipt.company-not-header", field: "company", line: 13 }],
      },
    },
    {
      name: "an address cut off partway through a line is rejected by both readings",
      tags: ["source", "reextract"],
      task: {
        id: "grocery-truncated-address",
        kind: "receipt",
        input: { text: GROCERY },
        output: { content: { ...GROCERY_FIELDS, address: "NO 12, JALAN MERANTI 3, TAMAN SRI" } },
      },
      expect: {
        decision: "rejected",
        findings: [
          { ruleId: "receipt.address-truncated", field: "address", line: 4 },
          { ruleId: "receipt.extraction-disagrees", field: "address" },
        ],
      },
    },
    {
      name: "a supplied output with an address the receipt does not print is rejected by both readings",
      tags: ["source", "reextract"],
      task: {
        id: "bookshop-invented-address",
        kind: "receipt",
        input: { text: BOOKSHOP },
        output: {
          content: {
            ...BOOKSHOP_FIELDS,
            address: `${BOOKSHOP_FIELDS.address}, WILAYAH PERSEKUTUAN`,
          },
        },
      },
      expect: {
        decision: "rejected",
        findings: [
          { ruleId: "receipt.field-not-in-source", field: "address" },
          { ruleId: "receipt.extraction-disagrees", field: "address" },
        ],
        absent: ["receipt.total-mismatch", "receipt.unknown-vendor"],
      },
    },

    // --- vendor registry ---------------------------------------------------------------------------
    {
      name: "a registration number that differs from the registry's escalates, and the reviewer rejects",
      tags: ["vendor", "escalation"],
      task: { id: "hardware-wrong-reg", kind: "receipt", input: { text: HARDWARE_WRONG_REG } },
      expect: {
        decision: "escalated",
        final: "rejected",
        findings: [{ ruleId: "receipt.vendor-registration-mismatch", field: "company" }],
        absent: ["receipt.total-mismatch", "receipt.field-not-in-source", "receipt.known-vendor"],
      },
      human: {
        decision: "reject",
        reviewer: "scenario",
        reason: "TEGUH HARDWARE is 002233445-P; this receipt prints 002233454-P: suspected forgery",
      },
    },
    {
      name: "an unknown vendor with nothing to cross-check escalates, and the reviewer accepts",
      tags: ["vendor", "escalation"],
      task: { id: "workshop", kind: "receipt", input: { text: WORKSHOP } },
      expect: {
        decision: "escalated",
        final: "accepted",
        findings: ["receipt.unknown-vendor"],
        absent: CLEAN.filter((rule) => rule !== "receipt.unknown-vendor"),
      },
      human: {
        decision: "accept",
        reviewer: "scenario",
        reason: "called the workshop: the bill matches their job card for AKB 4471",
      },
    },

    // --- worker failures ---------------------------------------------------------------------------
    {
      name: "a torn receipt with no TOTAL line is a worker failure, rejected",
      tags: ["worker"],
      task: { id: "torn", kind: "receipt", input: { text: TORN } },
      expect: { decision: "rejected", absent: CLEAN },
    },
    {
      name: "a supplied output with a numeric total fails the output schema, rejected",
      tags: ["worker"],
      task: {
        id: "grocery-numeric-total",
        kind: "receipt",
        input: { text: GROCERY },
        output: { content: { ...GROCERY_FIELDS, total: 42.4 } },
      },
      expect: { decision: "rejected" },
    },
  ],
});
