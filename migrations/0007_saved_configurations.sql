CREATE TABLE `saved_configurations` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`model_id` text NOT NULL,
	`trim_id` text NOT NULL,
	`version` integer NOT NULL,
	`options` text NOT NULL,
	`config_key` text NOT NULL,
	`name` text,
	`price_fen` integer NOT NULL,
	`priced_on` text NOT NULL,
	`thumbnail` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`model_id`) REFERENCES `models`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`trim_id`) REFERENCES `trims`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `saved_configurations_user_key_idx` ON `saved_configurations` (`user_id`,`config_key`);--> statement-breakpoint
CREATE INDEX `saved_configurations_user_created_idx` ON `saved_configurations` (`user_id`,`created_at`);