CREATE TABLE `analytics_events` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`occurred_at` text NOT NULL,
	`received_at` text NOT NULL,
	`visitor_id` text,
	`path` text,
	`props` text NOT NULL,
	`country` text,
	`city` text
);
--> statement-breakpoint
CREATE INDEX `analytics_type_at_idx` ON `analytics_events` (`type`,`occurred_at`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`actor_id` text,
	`action` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`diff` text,
	`request_id` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_log` (`entity_type`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `brands` (
	`id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`name_en` text NOT NULL,
	`tagline` text NOT NULL,
	`tagline_en` text NOT NULL,
	`accent_color` text NOT NULL,
	`founded` integer NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `brands_slug_unique` ON `brands` (`slug`);--> statement-breakpoint
CREATE TABLE `cities` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`pinyin` text NOT NULL,
	`cf_city` text NOT NULL,
	`province` text NOT NULL,
	`province_en` text NOT NULL,
	`lat` real NOT NULL,
	`lon` real NOT NULL,
	`tier` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `cities_cf_city_idx` ON `cities` (`cf_city`);--> statement-breakpoint
CREATE TABLE `dealers` (
	`id` text PRIMARY KEY NOT NULL,
	`brand_id` text NOT NULL,
	`city_code` text NOT NULL,
	`name` text NOT NULL,
	`name_en` text NOT NULL,
	`address` text NOT NULL,
	`address_en` text NOT NULL,
	`lat` real NOT NULL,
	`lon` real NOT NULL,
	`phone` text NOT NULL,
	`hours` text NOT NULL,
	`services` text NOT NULL,
	FOREIGN KEY (`brand_id`) REFERENCES `brands`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`city_code`) REFERENCES `cities`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `dealers_city_idx` ON `dealers` (`city_code`);--> statement-breakpoint
CREATE INDEX `dealers_brand_idx` ON `dealers` (`brand_id`);--> statement-breakpoint
CREATE TABLE `inventory_vehicles` (
	`vin` text PRIMARY KEY NOT NULL,
	`trim_id` text NOT NULL,
	`dealer_id` text NOT NULL,
	`color_code` text NOT NULL,
	`option_codes` text NOT NULL,
	`status` text NOT NULL,
	`price_fen` integer NOT NULL,
	`available_on` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`trim_id`) REFERENCES `trims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dealer_id`) REFERENCES `dealers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `inventory_trim_status_idx` ON `inventory_vehicles` (`trim_id`,`status`);--> statement-breakpoint
CREATE INDEX `inventory_dealer_idx` ON `inventory_vehicles` (`dealer_id`);--> statement-breakpoint
CREATE TABLE `leads` (
	`id` text PRIMARY KEY NOT NULL,
	`dealer_id` text NOT NULL,
	`model_id` text,
	`phone_cipher` text NOT NULL,
	`phone_index` text NOT NULL,
	`name_cipher` text,
	`source` text NOT NULL,
	`consent_at` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`dealer_id`) REFERENCES `dealers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`model_id`) REFERENCES `models`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `leads_dealer_phone_idx` ON `leads` (`dealer_id`,`phone_index`);--> statement-breakpoint
CREATE TABLE `media` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_type` text NOT NULL,
	`owner_id` text NOT NULL,
	`role` text NOT NULL,
	`r2_key` text NOT NULL,
	`content_type` text NOT NULL,
	`bytes` integer NOT NULL,
	`width` integer,
	`height` integer,
	`alt` text NOT NULL,
	`alt_en` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `media_r2_key_unique` ON `media` (`r2_key`);--> statement-breakpoint
CREATE INDEX `media_owner_idx` ON `media` (`owner_type`,`owner_id`);--> statement-breakpoint
CREATE TABLE `models` (
	`id` text PRIMARY KEY NOT NULL,
	`brand_id` text NOT NULL,
	`slug` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`name_en` text NOT NULL,
	`body_type` text NOT NULL,
	`summary` text NOT NULL,
	`summary_en` text NOT NULL,
	`launched_on` text NOT NULL,
	`popularity` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`brand_id`) REFERENCES `brands`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `models_slug_unique` ON `models` (`slug`);--> statement-breakpoint
CREATE INDEX `models_brand_idx` ON `models` (`brand_id`);--> statement-breakpoint
CREATE TABLE `option_groups` (
	`id` text PRIMARY KEY NOT NULL,
	`model_id` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`name_en` text NOT NULL,
	`kind` text NOT NULL,
	`selection` text NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`model_id`) REFERENCES `models`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `option_groups_model_code_idx` ON `option_groups` (`model_id`,`code`);--> statement-breakpoint
CREATE TABLE `option_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`model_id` text NOT NULL,
	`version` integer NOT NULL,
	`kind` text NOT NULL,
	`body` text NOT NULL,
	FOREIGN KEY (`model_id`) REFERENCES `models`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `option_rules_model_idx` ON `option_rules` (`model_id`,`version`);--> statement-breakpoint
CREATE TABLE `options` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`model_id` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`name_en` text NOT NULL,
	`price_fen` integer NOT NULL,
	`swatch` text,
	`sort` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `option_groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`model_id`) REFERENCES `models`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `options_model_code_idx` ON `options` (`model_id`,`code`);--> statement-breakpoint
CREATE INDEX `options_group_idx` ON `options` (`group_id`);--> statement-breakpoint
CREATE TABLE `orders` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`trim_id` text NOT NULL,
	`vin` text,
	`dealer_id` text,
	`status` text NOT NULL,
	`configuration` text NOT NULL,
	`price_fen` integer NOT NULL,
	`deposit_fen` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`trim_id`) REFERENCES `trims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dealer_id`) REFERENCES `dealers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `orders_user_idx` ON `orders` (`user_id`);--> statement-breakpoint
CREATE INDEX `orders_status_idx` ON `orders` (`status`);--> statement-breakpoint
CREATE TABLE `personalization_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`name` text NOT NULL,
	`priority` integer NOT NULL,
	`status` text NOT NULL,
	`conditions` text NOT NULL,
	`actions` text NOT NULL,
	`rollout_percent` integer DEFAULT 100 NOT NULL,
	`starts_at` text,
	`ends_at` text,
	`updated_by` text,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `rules_status_priority_idx` ON `personalization_rules` (`status`,`priority`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`expires_at` text NOT NULL,
	`stepped_up_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `test_drive_bookings` (
	`id` text PRIMARY KEY NOT NULL,
	`dealer_id` text NOT NULL,
	`trim_id` text NOT NULL,
	`user_id` text,
	`phone_cipher` text NOT NULL,
	`phone_index` text NOT NULL,
	`slot_start` text NOT NULL,
	`slot_end` text NOT NULL,
	`status` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`dealer_id`) REFERENCES `dealers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`trim_id`) REFERENCES `trims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `test_drive_bookings_idempotency_key_unique` ON `test_drive_bookings` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `bookings_dealer_slot_idx` ON `test_drive_bookings` (`dealer_id`,`slot_start`);--> statement-breakpoint
CREATE TABLE `trim_options` (
	`trim_id` text NOT NULL,
	`option_id` text NOT NULL,
	`standard` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`trim_id`, `option_id`),
	FOREIGN KEY (`trim_id`) REFERENCES `trims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`option_id`) REFERENCES `options`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `trims` (
	`id` text PRIMARY KEY NOT NULL,
	`model_id` text NOT NULL,
	`name` text NOT NULL,
	`name_en` text NOT NULL,
	`price_fen` integer NOT NULL,
	`powertrain` text NOT NULL,
	`cltc_range_km` integer,
	`electric_range_km` integer,
	`battery_kwh` real,
	`fuel_l_per_100km` real,
	`zero_to_hundred_s` real NOT NULL,
	`power_kw` integer NOT NULL,
	`torque_nm` integer NOT NULL,
	`top_speed_kmh` integer NOT NULL,
	`seats` integer NOT NULL,
	`seat_material` text NOT NULL,
	`drive` text NOT NULL,
	`length_mm` integer NOT NULL,
	`width_mm` integer NOT NULL,
	`height_mm` integer NOT NULL,
	`wheelbase_mm` integer NOT NULL,
	`curb_weight_kg` integer NOT NULL,
	`adas_level` text NOT NULL,
	`peak_charge_kw` integer,
	`sort` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`model_id`) REFERENCES `models`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `trims_model_idx` ON `trims` (`model_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`phone_cipher` text NOT NULL,
	`phone_index` text NOT NULL,
	`name_cipher` text,
	`roles` text NOT NULL,
	`dealer_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`dealer_id`) REFERENCES `dealers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_phone_index_unique` ON `users` (`phone_index`);