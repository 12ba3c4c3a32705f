// The rag-answer scenario suite: `npm run scenarios` or `crosscheck scenarios scenarios/rag-answer/suite.ts`.
//
// Tags: supported (the answer is grounded, possibly in other words), entity, number, date, unit,
// negation, quote (what the grounding auditor catches), partial (several claims, one wrong),
// short (a one-word or one-value answer read with its question), fit (the answer-fit auditor),
// corpus (evidence retrieved from corpus/), supplied (evidence given with the task), escalation.
// The facts are in corpus/ and below; the places, people and firms are fictional.
import { defineSuite, type Evidence, textEvidence } from "../../src/index.js";
import workflow from "./workflow.js";

/** Findings no grounded answer may raise. */
const CLEAN = [
  "grounding.unsupported-claim",
  "grounding.number-mismatch",
  "grounding.unit-mismatch",
  "grounding.date-mismatch",
  "grounding.entity-mismatch",
  "grounding.quote-not-found",
  "grounding.negation-mismatch",
  "grounding.restates-question",
  "answer.type-mismatch",
  "answer.comparison-contradicts",
];

const LIBRARY = [
  "The Kestrel Public Library opened in 1904 and holds about 310,000 volumes.",
  "Its reading room, designed by the architect Hana Sels, seats 120 readers.",
  "The library does not charge for membership.",
];

/** A knowledge-base entry handed over as Evidence objects (with its own id), not as strings. */
const KB_ENTRY: Evidence[] = textEvidence(
  ["Northwind Rail runs 64 trains a day on the Harbour Line, the first leaving Castelmere Central at 05:40."],
  "kb/northwind",
);

const ask = (question: string, evidence?: string[]) =>
  evidence === undefined ? { question } : { question, evidence };

export default defineSuite({
  name: "rag-answer",
  workflow,
  cases: [
    // --- grounded answers: accepted, nothing flagged ------------------------------------------
    {
      name: "paraphrased answer with a synonym is accepted",
      tags: ["supported", "corpus"],
      input: ask("Who founded Vellum Robotics, and when?"),
      output: { content: "Vellum Robotics was established in 2009 by Ana Petrov and Tomasz Lind." },
      expect: { decision: "accepted", absent: CLEAN },
    },
    {
      name: "a number written another way (1,500,000 for 1.5 million) is accepted",
      tags: ["supported", "number", "corpus"],
      input: ask("How many passengers does the Harbour Line carry?"),
      output: { content: "The Harbour Line carries roughly 1,500,000 passengers a year." },
      expect: { decision: "accepted", absent: CLEAN },
    },
    {
      name: "a correct conversion from kilometres to miles is accepted",
      tags: ["supported", "unit", "corpus"],
      input: ask("How long is the Harbour Line?"),
      output: { content: "The Harbour Line is about 26 miles long." },
      expect: { decision: "accepted", absent: CLEAN },
    },
    {
      name: "short answer: a year, read with its question",
      tags: ["supported", "short", "corpus"],
      input: ask("In what year was the Brennick Orchard Festival first held?"),
      output: { content: "1931" },
      expect: { decision: "accepted", absent: CLEAN },
    },
    {
      name: "short answer: a name, from supplied passages",
      tags: ["supported", "short", "supplied"],
      input: ask("Who designed the reading room of the Kestrel Public Library?", LIBRARY),
      output: { content: "Hana Sels" },
      expect: { decision: "accepted", absent: CLEAN },
    },
    {
      name: "a quoted motto that matches the passage is accepted",
      tags: ["supported", "quote", "corpus"],
      input: ask("What is the motto of the Brennick Orchard Festival?"),
      output: { content: 'The festival\'s motto is "From blossom to barrel".' },
      expect: { decision: "accepted", absent: CLEAN },
    },
    {
      name: "three claims, all grounded, from supplied passages",
      tags: ["supported", "supplied"],
      input: ask("Tell me about the Kestrel Public Library.", LIBRARY),
      output: {
        content:
          "The Kestrel Public Library opened in 1904. It holds about 310,000 volumes, and its reading room seats 120 readers.",
      },
      expect: { decision: "accepted", absent: CLEAN },
    },
    {
      name: "a negative answer that matches a negative passage is accepted",
      tags: ["supported", "negation", "supplied"],
      input: ask("Does the Kestrel Public Library charge for membership?", LIBRARY),
      output: { content: "No." },
      expect: { decision: "accepted", absent: CLEAN },
    },
    {
      name: "evidence handed over as Evidence objects is used",
      tags: ["supported", "supplied"],
      task: {
        id: "kb-trains",
        input: ask("How many trains does Northwind Rail run a day?"),
        evidence: KB_ENTRY,
      },
      output: { content: "Northwind Rail runs 64 trains a day on the Harbour Line." },
      expect: { decision: "accepted", absent: CLEAN },
    },
    {
      name: "the bundled extractive answerer's answer is grounded",
      tags: ["supported", "corpus"],
      input: ask("Where did Vellum Robotics move its headquarters in 2018?"),
      expect: { decision: "accepted", absent: CLEAN },
    },
    // --- hallucinations the grounding auditor catches: rejected -------------------------------
    {
      name: "an engineer the evidence does not name",
      tags: ["entity", "corpus"],
      input: ask("Who designed the Saltgate Viaduct?"),
      output: { content: "The Saltgate Viaduct was designed by the engineer Thomas Brunel." },
      expect: { decision: "rejected", findings: [{ ruleId: "grounding.entity-mismatch", field: "answer" }] },
    },
    {
      name: "a depth with its digits swapped",
      tags: ["number", "corpus"],
      input: ask("How deep is Lake Orren?"),
      output: { content: "Lake Orren reaches a maximum depth of 69 metres." },
      expect: { decision: "rejected", findings: [{ ruleId: "grounding.number-mismatch", field: "answer" }] },
    },
    {
      name: "an opening date one year off",
      tags: ["date", "corpus"],
      input: ask("When did the Harbour Line open?"),
      output: { content: "The Harbour Line opened on 14 March 1963." },
      expect: { decision: "rejected", findings: [{ ruleId: "grounding.date-mismatch", field: "answer" }] },
    },
    {
      name: "kilometres reported as miles",
      tags: ["unit", "corpus"],
      input: ask("How long is the Harbour Line?"),
      output: { content: "The Harbour Line runs 42 miles from Castelmere Central to Dunmoor." },
      expect: { decision: "rejected", findings: [{ ruleId: "grounding.unit-mismatch", field: "answer" }] },
    },
    {
      name: "a prohibition turned into a permission",
      tags: ["negation", "corpus"],
      input: ask("Can you swim in the northern basin of Lake Orren?"),
      output: { content: "Swimming is permitted in the northern basin of Lake Orren." },
      expect: {
        decision: "rejected",
        findings: [{ ruleId: "grounding.negation-mismatch", field: "answer" }],
      },
    },
    {
      name: "yes to a question the passage answers no",
      tags: ["negation", "short", "supplied"],
      input: ask("Does the Kestrel Public Library charge for membership?", LIBRARY),
      output: { content: "Yes" },
      expect: { decision: "rejected", findings: ["grounding.negation-mismatch"] },
    },
    {
      name: "two grounded claims and one invented city",
      tags: ["partial", "entity", "corpus"],
      input: ask("Tell me about Vellum Robotics."),
      output: {
        content:
          "Vellum Robotics builds warehouse robots. It was founded in Rotterdam in 2009. It moved its headquarters to Brussels in 2018.",
      },
      expect: { decision: "rejected", findings: [{ ruleId: "grounding.entity-mismatch", field: "answer" }] },
    },
    {
      name: "a misquoted motto",
      tags: ["quote", "corpus"],
      input: ask("What is the motto of the Brennick Orchard Festival?"),
      output: { content: 'The festival\'s motto is "From orchard to table".' },
      expect: { decision: "rejected", findings: ["grounding.quote-not-found"] },
    },
    {
      name: "short answer: a surveyor the evidence does not name",
      tags: ["entity", "short", "corpus"],
      input: ask("Who carried out the first survey of Lake Orren?"),
      output: { content: "Johann Varga" },
      expect: { decision: "rejected", findings: ["grounding.entity-mismatch"] },
    },
    {
      name: "short answer: a figure the evidence does not give",
      tags: ["number", "short", "corpus"],
      input: ask("How many parcels an hour can the Sorter K3 move?"),
      output: { content: "2,100 parcels" },
      expect: { decision: "rejected", findings: ["grounding.number-mismatch"] },
    },
    {
      name: "an answer that only restates the question (both auditors object)",
      tags: ["fit", "corpus"],
      input: ask("How many passengers does the Harbour Line carry each year?"),
      output: { content: "The Harbour Line carries passengers each year." },
      expect: { decision: "rejected", findings: ["grounding.restates-question", "answer.type-mismatch"] },
    },
    // --- the two auditors disagree, or cannot judge: a human decides --------------------------
    {
      name: "the later of two options given for 'which came first' (answer-fit objects alone)",
      tags: ["fit", "escalation", "supplied"],
      input: ask("Which came first, the Harbour Line or the Brennick Orchard Festival?", [
        "The Harbour Line is a suburban railway. It opened on 14 March 1962.",
        "The Brennick Orchard Festival is held every September. It was first held in 1931.",
      ]),
      output: { content: "The Harbour Line" },
      expect: {
        decision: "escalated",
        final: "rejected",
        findings: ["answer.comparison-contradicts"],
        absent: ["grounding.entity-mismatch"],
      },
      human: {
        decision: "reject",
        reviewer: "qa-lead",
        reason: "the festival (1931) predates the line (1962)",
      },
    },
    {
      name: "a 'when' question answered without a date (answer-fit objects alone)",
      tags: ["fit", "escalation", "corpus"],
      input: ask("When was Lake Orren first surveyed?"),
      output: { content: "Lake Orren was first surveyed by the cartographer Elias Varga." },
      expect: { decision: "escalated", final: "rejected", findings: ["answer.type-mismatch"] },
      human: { decision: "reject", reviewer: "qa-lead", reason: "the question asked for the year (1874)" },
    },
    {
      name: "an answer about something the corpus does not cover",
      tags: ["entity", "corpus"],
      input: ask("What is the national anthem of Zembla?"),
      output: { content: "Zembla's anthem is called Silver Tides." },
      expect: { decision: "rejected", findings: ["grounding.entity-mismatch"] },
    },
  ],
});
