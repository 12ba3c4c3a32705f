CREATE TABLE `log_checkpoints` (
	`size` integer PRIMARY KEY NOT NULL,
	`root_hash` text NOT NULL,
	`ts` integer NOT NULL,
	`key_id` text NOT NULL,
	`note` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `merkle_leaves` (
	`seq` integer PRIMARY KEY NOT NULL,
	`salts` blob NOT NULL,
	`leaf_hash` blob NOT NULL
);
--> statement-breakpoint
CREATE TABLE `merkle_nodes` (
	`id` integer PRIMARY KEY NOT NULL,
	`hash` blob NOT NULL
);
