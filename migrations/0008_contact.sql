ALTER TABLE `participants` ADD `contact_preference` text;--> statement-breakpoint
ALTER TABLE `tenants` ADD `contact_email` text;--> statement-breakpoint
ALTER TABLE `tenants` ADD `contact_phone` text;
