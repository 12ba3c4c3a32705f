// The receipts scenario suite: `npm run scenarios` or `crosscheck scenarios scenarios/receipts/suite.ts`.
import { defineSuite } from "../../src/index.js";
import {
  BOOKSHOP,
  BOOKSHOP_FIELDS,
  FRUIT_STALL,
  GROCERY,
  GROCERY_FIELDS,
  HARDWARE_BAD_DATE,
  HARDWARE_DISCOUNT,
  RESTAURANT,
  TORN,
} from "./samples.js";
import workflow from "./workflow.js";

/** Findings no clean receipt may raise (false positives). */
const CLEAN = [
  "receipt.total-mismatch",
  "receipt.items-sum",
  "receipt.field-not-in-source",
  "receipt.total-not-total-line",
  "receipt.invalid-date",
  "receipt.unknown-vendor",
];

export default defineSuite({
  name: "receipts",
  workflow,
  cases: [
    {
      name: "grocery receipt with GST is accepted",
      task: { id: "grocery", kind: "receipt", input: { text: GROCERY } },
      expect: { outcome: "accepted", findings: ["receipt.known-vendor"], absent: CLEAN },
    },
    {
      name: "bookshop receipt with RM and thousands commas is accepted",
      task: { id: "bookshop", kind: "receipt", input: { text: BOOKSHOP } },
      expect: { outcome: "accepted", absent: CLEAN },
    },
    {
      name: "restaurant bill with service tax and rounding is accepted",
      task: { id: "restaurant", kind: "receipt", input: { text: RESTAURANT } },
      expect: { outcome: "accepted", absent: CLEAN },
    },
    {
      name: "a supplied output with only the required fields is accepted (arithmetic abstains)",
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
      expect: { outcome: "accepted", absent: CLEAN },
    },
    {
      name: "an unknown vendor is accepted once the registry auditor yields in cross-examination",
      task: { id: "fruit-stall", kind: "receipt", input: { text: FRUIT_STALL } },
      expect: {
        outcome: "accepted",
        findings: ["receipt.unknown-vendor"],
        absent: ["receipt.total-mismatch", "receipt.field-not-in-source"],
      },
    },
    {
      name: "a supplied output with a wrong total is rejected",
      task: {
        id: "grocery-wrong-total",
        kind: "receipt",
        input: { text: GROCERY },
        output: { content: { ...GROCERY_FIELDS, total: "44.40" } },
      },
      expect: { outcome: "rejected", findings: ["receipt.total-mismatch", "receipt.field-not-in-source"] },
    },
    {
      name: "a supplied output whose total is the CASH amount is rejected",
      task: {
        id: "bookshop-cash-as-total",
        kind: "receipt",
        input: { text: BOOKSHOP },
        output: { content: { ...BOOKSHOP_FIELDS, total: "RM 1,500.00" } },
      },
      expect: { outcome: "rejected", findings: ["receipt.total-mismatch", "receipt.total-not-total-line"] },
    },
    {
      name: "an impossible date (31 April) escalates, and the reviewer rejects it",
      task: { id: "hardware-bad-date", kind: "receipt", input: { text: HARDWARE_BAD_DATE } },
      expect: {
        outcome: "escalated",
        final: "rejected",
        findings: ["receipt.invalid-date"],
        absent: ["receipt.total-mismatch"],
      },
      human: {
        decision: "reject",
        reviewer: "scenario",
        reason: "31/04/2018 does not exist: rescan the receipt",
      },
    },
    {
      name: "a discount line splits the auditors, and the reviewer accepts it",
      task: { id: "hardware-discount", kind: "receipt", input: { text: HARDWARE_DISCOUNT } },
      expect: {
        outcome: "escalated",
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
    {
      name: "a torn receipt with no TOTAL line is a worker failure, rejected",
      task: { id: "torn", kind: "receipt", input: { text: TORN } },
      expect: { outcome: "rejected", absent: CLEAN },
    },
    {
      name: "a supplied output with a numeric total fails the output schema, rejected",
      task: {
        id: "grocery-numeric-total",
        kind: "receipt",
        input: { text: GROCERY },
        output: { content: { ...GROCERY_FIELDS, total: 42.4 } },
      },
      expect: { outcome: "rejected" },
    },
  ],
});
