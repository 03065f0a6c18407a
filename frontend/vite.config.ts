/// <reference types="vitest" />
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The build lands inside the Python package; Flask serves it at /.
export default defineConfig({
  plugins: [react()],
  build: { outDir: "../moodify/web/static/app", emptyOutDir: true },
  server: { proxy: { "/api": "http://127.0.0.1:5000" } },
  test: { environment: "jsdom", include: ["src/**/*.test.ts", "src/**/*.test.tsx"] },
});
