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
          codeSplitting: {
            groups: [
              // Vite's preload helper in a chunk of its own: left to the bundler it landed in Babylon's
              // chunk, so the viewer island (which imports the helper) waited for all of Babylon to
              // download and compile before it could start fetching the car.
              { name: "preload-helper", test: /vite\/preload-helper/, priority: 2 },
              // Babylon as one chunk: the 3D view's first frame waited on a chain of ~50 small chunk requests.
              { name: "babylon", test: /[\\/]node_modules[\\/]@babylonjs[\\/]/, priority: 1 },
            ],
          },
        },
      },
    },
  },
  devToolbar: { enabled: false },
});
