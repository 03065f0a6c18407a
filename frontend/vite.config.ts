/// <reference types="vitest" />
import react from "@vitejs/plugin-react";
import { build, defineConfig, type Plugin } from "vite";

// The service worker is one self-contained script at the root (/sw.js, so its scope is the whole
// app), built apart from the app: as an entry of the app's build it would import shared chunks.
function serviceWorker(): Plugin {
  return {
    name: "moodify-service-worker",
    apply: "build",
    async generateBundle() {
      const built = await build({
        configFile: false,
        logLevel: "warn",
        build: {
          write: false,
          emptyOutDir: false,
          lib: { entry: "src/sw.ts", formats: ["iife"], name: "moodifyWorker", fileName: () => "sw.js" },
        },
      });
      const output = (Array.isArray(built) ? built[0] : built) as { output: { code?: string }[] };
      this.emitFile({ type: "asset", fileName: "sw.js", source: output.output[0].code! });
    },
  };
}

// The build lands inside the Python package; Flask serves it at /.
export default defineConfig({
  plugins: [react(), serviceWorker()],
  build: { outDir: "../moodify/web/static/app", emptyOutDir: true },
  server: { proxy: { "/api": "http://127.0.0.1:5000" } },
  test: { environment: "jsdom", include: ["src/**/*.test.ts", "src/**/*.test.tsx"] },
});
