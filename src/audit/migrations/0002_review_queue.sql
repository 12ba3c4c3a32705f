CREATE TABLE `reviewers` (
	`name` text PRIMARY KEY NOT NULL,
	`role` text NOT NULL,
	`token_sha256` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reviewers_token_sha256_unique` ON `reviewers` (`token_sha256`);--> statement-breakpoint
ALTER TABLE `escalations` ADD `claimed_by` text;--> statement-breakpoint
ALTER TABLE `escalations` ADD `claim_expires_at` integer;--> statement-breakpoint
ALTER TABLE `escalations` ADD `due_at` integer;