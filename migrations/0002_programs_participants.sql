CREATE TABLE `participant_events` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`participant_id` text NOT NULL,
	`kind` text NOT NULL,
	`detail` text,
	`actor_user_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `participant_events_participant` ON `participant_events` (`tenant_id`,`participant_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `screenings` (
	`participant_id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`references` text DEFAULT '[]' NOT NULL,
	`check_status` text DEFAULT 'not_started' NOT NULL,
	`check_provider_ref` text,
	`checked_on` text,
	`check_expires_on` text,
	`training_completed` text DEFAULT '{}' NOT NULL,
	`safety_ack_version` text,
	`safety_ack_at` integer,
	`approved_by` text,
	`approved_at` integer,
	`updated_at` integer,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
ALTER TABLE `participants` ADD `phone` text;--> statement-breakpoint
ALTER TABLE `participants` ADD `wants_interpretation` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `participants` ADD `sector` text;--> statement-breakpoint
ALTER TABLE `participants` ADD `availability` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `participants` ADD `location` text;--> statement-breakpoint
ALTER TABLE `participants` ADD `settlement_needs` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `participants` ADD `access_needs` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `participants` ADD `demographics` text;--> statement-breakpoint
ALTER TABLE `participants` ADD `demographics_consent_at` integer;--> statement-breakpoint
ALTER TABLE `participants` ADD `consent_version` text;--> statement-breakpoint
ALTER TABLE `participants` ADD `consent_at` integer;--> statement-breakpoint
ALTER TABLE `participants` ADD `exit_reason` text;--> statement-breakpoint
ALTER TABLE `participants` ADD `protected_data` text;--> statement-breakpoint
ALTER TABLE `participants` ADD `source` text DEFAULT 'coordinator' NOT NULL;--> statement-breakpoint
ALTER TABLE `participants` ADD `search_text` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `participants` ADD `updated_at` integer;--> statement-breakpoint
CREATE INDEX `participants_program_role_status` ON `participants` (`tenant_id`,`program_id`,`role`,`status`,`id`);--> statement-breakpoint
ALTER TABLE `programs` ADD `goal_areas` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `programs` ADD `interests` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `programs` ADD `meeting_cadence_days` integer DEFAULT 14 NOT NULL;--> statement-breakpoint
ALTER TABLE `programs` ADD `min_commitment_months` integer DEFAULT 6 NOT NULL;--> statement-breakpoint
ALTER TABLE `programs` ADD `intake_fields` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `programs` ADD `training_modules` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `programs` ADD `matching_settings` text;--> statement-breakpoint
ALTER TABLE `programs` ADD `survey_schedule` text;--> statement-breakpoint
ALTER TABLE `programs` ADD `renewal_window_days` integer DEFAULT 60 NOT NULL;--> statement-breakpoint
ALTER TABLE `programs` ADD `protected_fields` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `programs` ADD `consent_version` text DEFAULT '2026-11' NOT NULL;--> statement-breakpoint
ALTER TABLE `programs` ADD `safety_guidelines_version` text DEFAULT '2026-11' NOT NULL;--> statement-breakpoint
ALTER TABLE `programs` ADD `updated_at` integer;