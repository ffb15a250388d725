// Mounts the Scalar API reference (served from this Worker's assets, never a CDN) on /api/docs.
Scalar.createApiReference("#app", { url: "/api/openapi.json", theme: "default", withDefaultFonts: false });
