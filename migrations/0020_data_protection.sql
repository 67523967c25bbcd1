ALTER TABLE `tenants` ADD `retention_exited_months` integer;--> statement-breakpoint
ALTER TABLE `tenants` ADD `retention_email_days` integer;--> statement-breakpoint
ALTER TABLE `tenants` ADD `deletion_requested_at` integer;--> statement-breakpoint
ALTER TABLE `participants` ADD `erased_at` integer;
