// Playwright drives Debian's Chromium (Playwright cannot download its own browser here)
// against a freshly started `rightful serve` with an empty data directory.
import { defineConfig } from "@playwright/test";
import * as os from "node:os";
import * as path from "node:path";
import * as fs from "node:fs";

const port = Number(process.env.E2E_PORT ?? 3900);
const dataDir = process.env.E2E_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), "rightful-e2e-"));
process.env.E2E_DATA_DIR = dataDir;
const bin = process.env.RIGHTFUL_BIN ?? "rightful";

export default defineConfig({
  testDir: "./tests",
  timeout: 60_000,
  retries: 0,
  workers: 1,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: `${bin} serve --addr 127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "ignore",
    stderr: "pipe",
    // The journeys run on the embedded default, SQLite, even when DATABASE_URL is set for the
    // backend tests.
    env: {
      ...(process.env as Record<string, string>),
      DATABASE_URL: "",
      RIGHTFUL_DATA_DIR: dataDir,
      RIGHTFUL_LOG: "warn",
      // Each test sends its own X-Forwarded-For (tests/helpers.ts), as if from its own client.
      RIGHTFUL_TRUSTED_PROXIES: "127.0.0.1",
      // The console journeys start a data system of their own on 127.0.0.1.
      RIGHTFUL_SYSTEM_NETWORKS: "127.0.0.0/8",
      LEPTOS_SITE_ROOT: process.env.LEPTOS_SITE_ROOT ?? "target/site",
    },
  },
});
