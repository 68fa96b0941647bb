// Makes sure a Chromium for Playwright exists: uses Debian's package (Playwright's own browser download does not work here).
import { execSync } from "node:child_process";
import fs from "node:fs";

const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean);
const found = candidates.find((p) => fs.existsSync(p));
if (found) {
  console.log(`Browser for end-to-end tests: ${found}`);
  process.exit(0);
}
if (process.platform !== "linux" || !fs.existsSync("/usr/bin/apt-get")) {
  console.error("No Chromium found. Install Chromium and set CHROMIUM_PATH to its executable.");
  process.exit(1);
}
const sudo = process.getuid && process.getuid() !== 0 ? "sudo " : "";
console.log("Chromium not found; installing Debian's chromium package with apt-get…");
const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
execSync(`${sudo}apt-get update`, { stdio: "inherit", env });
execSync(`${sudo}apt-get install -y --no-install-recommends chromium`, { stdio: "inherit", env });
if (!fs.existsSync("/usr/bin/chromium")) {
  console.error("apt-get finished but /usr/bin/chromium is missing.");
  process.exit(1);
}
console.log("Installed /usr/bin/chromium");
