import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import { bodyLimit } from "./body-limit.js";
import { MAX_BODY_BYTES, TOO_LARGE_MESSAGE } from "./app/utils/request-guard.server";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  plugins: [
    !process.env.VITEST &&
      remix({
        // a separate build directory lets parallel e2e runs (E2E_PORT) avoid clobbering each other
        buildDirectory: process.env.BUILD_DIR ?? "build",
        future: {
          v3_fetcherPersist: true,
          v3_relativeSplatPath: true,
          v3_throwAbortReason: true,
          v3_singleFetch: true,
          v3_lazyRouteDiscovery: true,
        },
      }),
    tsconfigPaths(),
    {
      // `npm run dev`: the same body limit on the bytes read as server.js (issue 15)
      name: "valuebench-body-limit",
      configureServer(server) {
        server.middlewares.use(bodyLimit(MAX_BODY_BYTES, TOO_LARGE_MESSAGE));
      },
    },
  ],
  server: { port: 3000 },
  test: {
    exclude: ["test/e2e/**", "node_modules/**"],
    pool: "forks",
    reporters: ["default", "json"],
    outputFile: { json: "test-results/vitest.json" },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Everything runs on SQLite; with TEST_POSTGRES_URL (scripts/pg-test-cluster.sh start) the integration suite
    // runs a second time on PostgreSQL, each file in its own database (test/db.ts).
    projects: [
      // (include is per project: a root include would be merged into the postgres project's list)
      { extends: true, test: { name: "sqlite", include: ["test/**/*.test.ts"] } },
      ...(process.env.TEST_POSTGRES_URL
        ? [
            {
              extends: true as const,
              test: {
                name: "postgres",
                include: ["test/integration/**/*.test.ts"],
                env: { VB_TEST_DIALECT: "postgres" },
              },
            },
          ]
        : []),
    ],
  },
});
