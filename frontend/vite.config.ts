import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vitest/config";

// main.go embeds frontend/dist, so the folder must exist before the first
// build. Git keeps it through dist/.gitkeep, and Vite empties the folder on
// every build, so this plugin writes the file back.
function keepDistPlaceholder(): Plugin {
  return {
    name: "liaison-keep-dist-placeholder",
    apply: "build",
    closeBundle() {
      writeFileSync(resolve(import.meta.dirname, "dist/.gitkeep"), "");
    },
  };
}

export default defineConfig({
  plugins: [react(), keepDistPlaceholder()],
  resolve: {
    alias: [
      // frappe-gantt's package exports name no path for its stylesheet.
      {
        find: /^frappe-gantt\/style\.css$/,
        replacement: resolve(import.meta.dirname, "node_modules/frappe-gantt/dist/frappe-gantt.css"),
      },
    ],
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // WebKitGTK 2.40+ on Debian 12 and the Chromium of the end-to-end tests
    // both run ES2022.
    target: "es2022",
    chunkSizeWarningLimit: 1200,
  },
  server: { host: "127.0.0.1" },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    css: false,
    // The Gantt tests render plans of 260 work items in jsdom, which takes
    // seconds on a 2-core machine.
    testTimeout: 30_000,
  },
});
