-- Evidence (issue 13, decision 036): what an organization publishes on its public impact page (off by default),
-- and public statistics per neighbourhood a city already has, shown beside the organization's own figures.
ALTER TABLE `tenants` ADD `impact_page` text;
--> statement-breakpoint
CREATE TABLE `neighborhood_indicators` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`neighborhood_group` text NOT NULL,
	`period` text NOT NULL,
	`measure` text NOT NULL,
	`value` real NOT NULL,
	`source` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `neighborhood_indicators_tenant` ON `neighborhood_indicators` (`tenant_id`,`neighborhood_group`,`period`,`measure`);
