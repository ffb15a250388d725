/** How many configurations one account keeps (POST /api/me/configurations answers 409 beyond). */
export const SAVED_CONFIGURATION_LIMIT = 50;

/** The longest thumbnail data URL a saved configuration keeps (a 320 × 180 JPEG is about 12 KiB). */
export const THUMBNAIL_MAX_CHARS = 32_768;
