CREATE TABLE `cases` (
	`id` text PRIMARY KEY NOT NULL,
	`run_id` text NOT NULL,
	`task_id` text,
	`task_kind` text,
	`input_sha256` text NOT NULL,
	`status` text NOT NULL,
	`decided_by` text,
	`started_at` integer NOT NULL,
	`ended_at` integer,
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `cases_run_id_idx` ON `cases` (`run_id`);--> statement-breakpoint
CREATE INDEX `cases_status_idx` ON `cases` (`status`);--> statement-breakpoint
CREATE TABLE `escalations` (
	`case_id` text PRIMARY KEY NOT NULL,
	`run_id` text NOT NULL,
	`status` text NOT NULL,
	`reason` text NOT NULL,
	`priority` text NOT NULL,
	`queue` text,
	`assignee` text,
	`created_at` integer NOT NULL,
	`decided_at` integer,
	`resumed_at` integer
);
--> statement-breakpoint
CREATE INDEX `escalations_status_idx` ON `escalations` (`status`);--> statement-breakpoint
CREATE TABLE `events` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`ts` integer NOT NULL,
	`kind` text NOT NULL,
	`run_id` text NOT NULL,
	`case_id` text,
	`node` text,
	`idem_key` text NOT NULL,
	`body` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_id_unique` ON `events` (`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `events_idem_key_unique` ON `events` (`idem_key`);--> statement-breakpoint
CREATE INDEX `events_run_id_idx` ON `events` (`run_id`);--> statement-breakpoint
CREATE INDEX `events_case_id_idx` ON `events` (`case_id`);--> statement-breakpoint
CREATE INDEX `events_ts_idx` ON `events` (`ts`);--> statement-breakpoint
CREATE INDEX `events_kind_idx` ON `events` (`kind`);--> statement-breakpoint
CREATE TABLE `findings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`verdict_id` integer NOT NULL,
	`case_id` text NOT NULL,
	`rule_id` text NOT NULL,
	`severity` text NOT NULL,
	`message` text NOT NULL,
	`location` text,
	`evidence_ids` text NOT NULL,
	FOREIGN KEY (`verdict_id`) REFERENCES `verdicts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `findings_verdict_id_idx` ON `findings` (`verdict_id`);--> statement-breakpoint
CREATE INDEX `findings_case_id_idx` ON `findings` (`case_id`);--> statement-breakpoint
CREATE TABLE `human_decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` text NOT NULL,
	`reviewer` text NOT NULL,
	`decision` text NOT NULL,
	`reason` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `human_decisions_case_id_unique` ON `human_decisions` (`case_id`);--> statement-breakpoint
CREATE TABLE `outputs` (
	`case_id` text PRIMARY KEY NOT NULL,
	`content` text NOT NULL,
	`status` text,
	`claims` text,
	`artifacts` text,
	`trace` text NOT NULL,
	`supplied` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `runs` (
	`id` text PRIMARY KEY NOT NULL,
	`workflow` text NOT NULL,
	`workflow_version` text NOT NULL,
	`workflow_digest` text NOT NULL,
	`status` text NOT NULL,
	`pid` integer NOT NULL,
	`host` text NOT NULL,
	`module_path` text,
	`started_at` integer NOT NULL,
	`ended_at` integer
);
--> statement-breakpoint
CREATE INDEX `runs_started_at_idx` ON `runs` (`started_at`);--> statement-breakpoint
CREATE INDEX `runs_status_idx` ON `runs` (`status`);--> statement-breakpoint
CREATE TABLE `verdicts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` text NOT NULL,
	`auditor` text NOT NULL,
	`round` integer NOT NULL,
	`decision` text NOT NULL,
	`confidence` real NOT NULL,
	`rationale` text NOT NULL,
	`event_seq` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `verdicts_case_auditor_round_idx` ON `verdicts` (`case_id`,`auditor`,`round`);