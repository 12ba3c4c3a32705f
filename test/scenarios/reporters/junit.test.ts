import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { validateXML } from "xmllint-wasm";
import type { ScenarioReport } from "../../../src/scenarios/report.js";
import { renderJUnit } from "../../../src/scenarios/reporters/junit.js";
import { HOSTILE, REPORT } from "./fixtures.js";

const XSD = readFileSync(new URL("./junit.xsd", import.meta.url), "utf8");

/** libxml2's verdict on `xml` against the JUnit schema: the error messages, empty when valid. */
async function schemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({ xml: [{ fileName: "report.xml", contents: xml }], schema: [XSD] });
  return result.errors.map((e) => e.rawMessage);
}

/** The C0 control characters in `text` other than tab, line feed and carriage return. */
function controlCharacters(text: string): string[] {
  return [...text].filter((c) => c < " " && c !== "\t" && c !== "\n" && c !== "\r");
}

/** A report of one failed case whose every text field is `text`. */
function reportWithText(text: string): ScenarioReport {
  const suite = REPORT.suites[1];
  const c = suite?.cases[0];
  if (suite === undefined || c === undefined) throw new Error("fixture changed: suite 2 has no first case");
  return {
    ...REPORT,
    suites: [
      {
        ...suite,
        name: text,
        file: text,
        workflow: text,
        cases: [
          {
            ...c,
            suite: text,
            name: text,
            failures: [text, text],
            attempts: c.attempts.map((a) => ({
              ...a,
              runId: text,
              failures: [text],
              findings: [{ ruleId: text, severity: text, auditor: text, message: text, field: text }],
            })),
          },
        ],
      },
    ],
  };
}

describe("renderJUnit", () => {
  it("writes a report that validates against the JUnit schema", async () => {
    expect(await schemaErrors(renderJUnit(REPORT))).toEqual([]);
  });

  it("uses a validator that rejects what the schema forbids", async () => {
    const broken = renderJUnit(REPORT).replace('tests="5"', 'tests="five"');
    expect(await schemaErrors(broken)).not.toEqual([]);
  });

  it("counts the run's cases, failures and unstable cases, with its wall time and start", () => {
    expect(renderJUnit(REPORT)).toContain(
      '<testsuites name="crosscheck scenarios" tests="5" failures="2" errors="0" skipped="1" time="4.321" timestamp="2025-03-01T09:30:00">',
    );
  });

  it("writes one testsuite a suite, timed by all its attempts, with its file", () => {
    const xml = renderJUnit(REPORT);
    expect(xml).toContain(
      '<testsuite name="receipts" tests="3" failures="1" errors="0" skipped="1" time="1.830" timestamp="2025-03-01T09:30:00" file="scenarios/receipts/suite.ts">',
    );
    expect(xml).toContain(
      '<testsuite name="code review &amp; &lt;injection&gt;" tests="2" failures="1" errors="0" skipped="0" time="2.200" timestamp="2025-03-01T09:30:02"',
    );
  });

  it("writes one testcase a case, named by its suite and its name", () => {
    const xml = renderJUnit(REPORT);
    expect(xml).toContain('<testcase classname="receipts" name="honest grocery receipt" time="0.330">');
    expect(xml.match(/<testcase /g)).toHaveLength(5);
  });

  it("gives a failed case a failure with the first failure as message and every failure and the decision in the body", () => {
    const xml = renderJUnit(REPORT);
    expect(xml).toContain(
      '<failure message="expected decision rejected, got accepted" type="expectation">' +
        "- expected decision rejected, got accepted\n" +
        "- expected finding receipt.total-mismatch, none found\n" +
        "\n" +
        "decision: accepted (run run-a, case case-total-1)\n" +
        "findings: none</failure>",
    );
  });

  it("puts the consensus reasons and the human decision of the failing attempt in the failure body", () => {
    const xml = renderJUnit(REPORT);
    expect(xml).toContain("  accepted by majority: 2 of 2 auditors passed");
  });

  it("reports an unstable case as skipped, with the spread of its decisions", () => {
    const xml = renderJUnit(REPORT);
    expect(xml).toContain('<skipped message="unstable: accepted 2/3, escalated 1/3"/>');
    expect(xml.match(/<skipped /g)).toHaveLength(1);
    expect(xml.match(/<failure /g)).toHaveLength(2);
  });

  it("lists each suite's metrics as properties, leaving out metrics with nothing to measure", () => {
    const xml = renderJUnit(REPORT);
    for (const property of [
      '<property name="workflow" value="receipt-verification"/>',
      '<property name="repeat" value="3"/>',
      '<property name="decisionAccuracy" value="0.5"/>',
      '<property name="escalationRate" value="0.1111"/>',
      '<property name="durationMs.mean" value="203.3"/>',
      '<property name="durationMs.p95" value="310"/>',
      '<property name="family.receipt.recall" value="0"/>',
      '<property name="family.receipt.falsePositiveRate" value="0"/>',
      '<property name="family.code.recall" value="0.5"/>',
      '<property name="costUsd" value="0.0489"/>',
      '<property name="tokensIn" value="6000"/>',
    ]) {
      expect(xml).toContain(property);
    }
    expect(xml).not.toContain("family.code.falsePositiveRate");
  });

  it("escapes a hostile case name and failure message in attributes and text", () => {
    const xml = renderJUnit(REPORT);
    expect(xml).toContain(
      'name="&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt; ]]&gt; &apos;single&apos; &quot;double&quot; &amp; \uFFFD\uFFFD\uFFFD end"',
    );
    expect(xml).toContain(
      'message="expected decision rejected, got accepted: &lt;img src=x onerror=alert(3)&gt; ]]&gt; \uFFFD"',
    );
    expect(xml).toContain(
      "- expected decision rejected, got accepted: &lt;img src=x onerror=alert(3)&gt; ]]&gt; \uFFFD\n",
    );
    expect(xml).not.toContain("<script");
    expect(xml).not.toContain("<img");
    expect(controlCharacters(xml)).toEqual([]);
  });

  it("still validates when every text field is hostile", async () => {
    const hostile = `${HOSTILE.caseName} ${HOSTILE.rationale} <![CDATA[ x ]]> &amp; &#0; \uD800 \uFFFE\uFFFF \u{1F600}\ttab\r\nline`;
    const xml = renderJUnit(reportWithText(hostile));
    expect(await schemaErrors(xml)).toEqual([]);
    expect(xml).toContain("&#9;tab&#13;&#10;line");
    expect(xml).toContain("\u{1F600}");
  });
});
