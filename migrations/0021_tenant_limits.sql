CREATE TABLE `tenant_limits` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`programs` integer,
	`import_previews_per_hour` integer,
	`import_preview_bytes` integer,
	`match_runs_per_hour` integer,
	`note` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
