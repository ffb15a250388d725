/// <reference types="astro/client" />
/// <reference types="@astrojs/cloudflare/types.d.ts" />
