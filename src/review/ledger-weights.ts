import fs from "node:fs";
import path from "node:path";
import { type CrosscheckDatabase, openDatabase } from "../audit/database.js";
import { invalidArgument } from "../graph/consensus/tally.js";
import { DEFAULT_AUDITOR_WEIGHT } from "../graph/consensus/weighted.js";
import { auditorLedger } from "./ledger.js";

/** Where the audit log is when `db` is not given (the same default as `defineWorkflow`). */
const DEFAULT_DB_PATH = ".crosscheck/crosscheck.db";

export interface LedgerWeightsOptions {
  /** The audit log: a file (opened read-only, then closed) or an open database. Default: env CROSSCHECK_DB, else `.crosscheck/crosscheck.db`. */
  db?: string | CrosscheckDatabase;
  /** Human decisions (pass or fail verdicts on humanly decided cases) an auditor needs before its weight moves from `defaultWeight`. Integer >= 1. */
  minDecisions: number;
  /** The weight of an auditor with fewer decisions, and of one at 50% agreement; >= 0, default 1. */
  defaultWeight?: number;
}

/**
 * Weights for `weighted(...)` from the auditor ledger: each auditor's agreement with the human
 * decisions (all its versions pooled, since the policy knows auditors by name), scaled so that
 * 50% agreement (a coin flip) weighs `defaultWeight`, 100% twice that, 0% nothing. Auditors with
 * fewer than `minDecisions` decided cases are left out, so the policy gives them `defaultWeight`.
 * Read once, when called (in the workflow module, so at run start): the consensus policy stays
 * pure, every case of a run uses the same weights, and each decision's reasons list them.
 */
export function ledgerWeights(options: LedgerWeightsOptions): Record<string, number> {
  const name = "ledgerWeights";
  const { minDecisions, defaultWeight = DEFAULT_AUDITOR_WEIGHT } = options;
  if (typeof minDecisions !== "number" || !Number.isInteger(minDecisions) || minDecisions < 1) {
    throw invalidArgument(name, "options.minDecisions", minDecisions, "an integer >= 1");
  }
  if (typeof defaultWeight !== "number" || !Number.isFinite(defaultWeight) || defaultWeight < 0) {
    throw invalidArgument(name, "options.defaultWeight", defaultWeight, "a finite number >= 0 (default 1)");
  }
  const source = options.db ?? process.env["CROSSCHECK_DB"] ?? DEFAULT_DB_PATH;
  if (typeof source !== "string") return weightsFrom(source, minDecisions, defaultWeight);
  // No log yet: no history, every auditor keeps the default weight.
  if (!fs.existsSync(path.resolve(source))) return {};
  const database = openDatabase(source, { readonly: true });
  try {
    return weightsFrom(database, minDecisions, defaultWeight);
  } finally {
    database.close();
  }
}

function weightsFrom(
  database: CrosscheckDatabase,
  minDecisions: number,
  defaultWeight: number,
): Record<string, number> {
  const pooled = new Map<string, { decided: number; agreed: number }>();
  for (const record of auditorLedger(database)) {
    const sum = pooled.get(record.auditor) ?? { decided: 0, agreed: 0 };
    sum.decided += record.decided;
    sum.agreed += record.agreed;
    pooled.set(record.auditor, sum);
  }
  const weights: Record<string, number> = {};
  for (const [auditor, { decided, agreed }] of pooled) {
    if (decided >= minDecisions) weights[auditor] = defaultWeight * 2 * (agreed / decided);
  }
  return weights;
}
