import { resolve } from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Builds e2e/gallery, the component page of the end-to-end tests, into
// test-output/ so it never reaches frontend/dist or the app binary.
export default defineConfig({
  root: resolve(import.meta.dirname, "e2e/gallery"),
  base: "./",
  plugins: [react()],
  resolve: {
    alias: [
      {
        find: /^frappe-gantt\/style\.css$/,
        replacement: resolve(import.meta.dirname, "node_modules/frappe-gantt/dist/frappe-gantt.css"),
      },
    ],
  },
  build: {
    outDir: resolve(import.meta.dirname, "../test-output/e2e-gallery"),
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 1200,
  },
});
