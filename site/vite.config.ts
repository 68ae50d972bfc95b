import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// The page is built into site/dist, which the worker serves as static assets next to /api.
const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root,
  base: "/",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // One small script and one stylesheet: nothing inline, so the worker's CSP can say 'self'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  // `npx vite --config site/vite.config.ts` next to `npm start` gives live reload with the real API.
  server: { proxy: { "/api": "http://localhost:8787" } },
});
