import { blob, index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/**
 * The audit log. `events` is the append-only, hash-chained record; every other table is a
 * projection of it, kept in step by `AuditLog.append` in the same transaction, and can be
 * rebuilt from the events. LangGraph's SqliteSaver owns `checkpoints` and `writes` in the same
 * file: never name a table after those.
 */
export const events = sqliteTable(
  "events",
  {
    /** Gapless 1, 2, 3, ... assigned inside the appending transaction. */
    seq: integer("seq").primaryKey(),
    id: text("id").notNull().unique(),
    /** ms since the Unix epoch, UTC; also inside the hashed body. */
    ts: integer("ts").notNull(),
    kind: text("kind").notNull(),
    runId: text("run_id").notNull(),
    caseId: text("case_id"),
    node: text("node"),
    /** Idempotency key: an event whose key is already stored is skipped. */
    idemKey: text("idem_key").notNull().unique(),
    /** Canonical JSON (RFC 8785) of the EventBody; the hashed content. */
    body: text("body").notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    index("events_run_id_idx").on(t.runId),
    index("events_case_id_idx").on(t.caseId),
    index("events_ts_idx").on(t.ts),
    index("events_kind_idx").on(t.kind),
  ],
);

export const RUN_STATUSES = ["running", "completed", "interrupted"] as const;
export const runs = sqliteTable(
  "runs",
  {
    id: text("id").primaryKey(),
    workflow: text("workflow").notNull(),
    workflowVersion: text("workflow_version").notNull(),
    workflowDigest: text("workflow_digest").notNull(),
    status: text("status", { enum: RUN_STATUSES }).notNull(),
    pid: integer("pid").notNull(),
    host: text("host").notNull(),
    modulePath: text("module_path"),
    startedAt: integer("started_at").notNull(),
    endedAt: integer("ended_at"),
  },
  (t) => [index("runs_started_at_idx").on(t.startedAt), index("runs_status_idx").on(t.status)],
);

export const CASE_STATUSES = ["running", "accepted", "rejected", "escalated", "interrupted"] as const;
export const cases = sqliteTable(
  "cases",
  {
    id: text("id").primaryKey(),
    runId: text("run_id")
      .notNull()
      .references(() => runs.id),
    taskId: text("task_id"),
    taskKind: text("task_kind"),
    inputSha256: text("input_sha256").notNull(),
    status: text("status", { enum: CASE_STATUSES }).notNull(),
    decidedBy: text("decided_by"),
    startedAt: integer("started_at").notNull(),
    endedAt: integer("ended_at"),
  },
  (t) => [index("cases_run_id_idx").on(t.runId), index("cases_status_idx").on(t.status)],
);

/** The latest output of each case's worker (JSON columns hold the domain values). */
export const outputs = sqliteTable("outputs", {
  caseId: text("case_id").primaryKey(),
  content: text("content", { mode: "json" }).notNull(),
  status: text("status", { mode: "json" }),
  claims: text("claims", { mode: "json" }),
  artifacts: text("artifacts", { mode: "json" }),
  trace: text("trace", { mode: "json" }).notNull(),
  supplied: integer("supplied", { mode: "boolean" }).notNull(),
});

export const verdicts = sqliteTable(
  "verdicts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: text("case_id").notNull(),
    auditor: text("auditor").notNull(),
    round: integer("round").notNull(),
    decision: text("decision", { enum: ["pass", "fail", "abstain"] }).notNull(),
    confidence: real("confidence").notNull(),
    rationale: text("rationale").notNull(),
    /** The `auditor.verdict` event this row was projected from. */
    eventSeq: integer("event_seq").notNull(),
  },
  (t) => [uniqueIndex("verdicts_case_auditor_round_idx").on(t.caseId, t.auditor, t.round)],
);

export const findings = sqliteTable(
  "findings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    verdictId: integer("verdict_id")
      .notNull()
      .references(() => verdicts.id),
    caseId: text("case_id").notNull(),
    ruleId: text("rule_id").notNull(),
    severity: text("severity").notNull(),
    message: text("message").notNull(),
    location: text("location", { mode: "json" }),
    evidenceIds: text("evidence_ids", { mode: "json" }).notNull(),
  },
  (t) => [index("findings_verdict_id_idx").on(t.verdictId), index("findings_case_id_idx").on(t.caseId)],
);

export const ESCALATION_STATUSES = ["pending", "decided", "resumed", "cancelled"] as const;
export const escalations = sqliteTable(
  "escalations",
  {
    caseId: text("case_id").primaryKey(),
    runId: text("run_id").notNull(),
    status: text("status", { enum: ESCALATION_STATUSES }).notNull(),
    reason: text("reason").notNull(),
    priority: text("priority").notNull(),
    queue: text("queue"),
    assignee: text("assignee"),
    createdAt: integer("created_at").notNull(),
    decidedAt: integer("decided_at"),
    resumedAt: integer("resumed_at"),
    /** The reviewer holding the claim (src/review): a claim lapses at `claimExpiresAt`, ms UTC. */
    claimedBy: text("claimed_by"),
    claimExpiresAt: integer("claim_expires_at"),
    /** When the workflow's SLA runs out (`escalation.slaMinutes`), ms UTC; null: no SLA. */
    dueAt: integer("due_at"),
  },
  (t) => [index("escalations_status_idx").on(t.status)],
);

export const REVIEWER_ROLES = ["viewer", "reviewer"] as const;
/** People who may use the review tools (src/review): a token is stored as its SHA-256 only. */
export const reviewers = sqliteTable("reviewers", {
  name: text("name").primaryKey(),
  role: text("role", { enum: REVIEWER_ROLES }).notNull(),
  tokenSha256: text("token_sha256").notNull().unique(),
  createdAt: integer("created_at").notNull(),
  revokedAt: integer("revoked_at"),
});

export const humanDecisions = sqliteTable("human_decisions", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  caseId: text("case_id").notNull().unique(),
  reviewer: text("reviewer").notNull(),
  decision: text("decision", { enum: ["accept", "reject"] }).notNull(),
  reason: text("reason").notNull(),
  at: integer("at").notNull(),
});

/**
 * The RFC 6962 Merkle tree over `events` (src/audit/merkle/README.md), written in the append
 * transaction. One row per event: the random salts of its field digests (16 bytes a field, in
 * the order of `leafFields`) and its leaf hash. Selective disclosure reveals a field's salt.
 */
export const merkleLeaves = sqliteTable("merkle_leaves", {
  seq: integer("seq").primaryKey(),
  salts: blob("salts", { mode: "buffer" }).notNull(),
  leafHash: blob("leaf_hash", { mode: "buffer" }).notNull(),
});

/** Every complete subtree of height >= 1: id = level * 2^40 + index (see merkle/store.ts). */
export const merkleNodes = sqliteTable("merkle_nodes", {
  id: integer("id").primaryKey(),
  hash: blob("hash", { mode: "buffer" }).notNull(),
});

/**
 * Signed checkpoints (C2SP signed notes) of the Merkle tree: tree size, root, time, key id.
 * Named `log_checkpoints`: LangGraph's SqliteSaver owns `checkpoints` in the same file.
 */
export const logCheckpoints = sqliteTable("log_checkpoints", {
  size: integer("size").primaryKey(),
  rootHash: text("root_hash").notNull(),
  ts: integer("ts").notNull(),
  keyId: text("key_id").notNull(),
  note: text("note").notNull(),
});
