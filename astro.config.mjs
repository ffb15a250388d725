import cloudflare from "@astrojs/cloudflare";
import { defineConfig } from "astro/config";

export default defineConfig({
  srcDir: "./site",
  output: "server",
  adapter: cloudflare({ imageService: "passthrough" }),
  build: { inlineStylesheets: "never" },
  vite: {
    build: {
      assetsInlineLimit: 0,
      rollupOptions: {
        output: {
          // Babylon as one chunk: the 3D view's first frame waited on a chain of ~50 small chunk requests.
          manualChunks: (id) => (id.includes("/node_modules/@babylonjs/") ? "babylon" : undefined),
        },
      },
    },
  },
  devToolbar: { enabled: false },
});
