// Sums the Vitest and Playwright JSON reports into one line: "N passed, N failed, N skipped".
import fs from "node:fs";

function read(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];

const vitest = read("test-results/vitest.json");
if (vitest) {
  passed += vitest.numPassedTests ?? 0;
  failed += vitest.numFailedTests ?? 0;
  skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
  // a test file that fails to load has no tests but must count as a failure
  for (const file of vitest.testResults ?? []) {
    if (file.status === "failed" && (file.assertionResults ?? []).length === 0) failed += 1;
  }
} else missing.push("vitest");

const pw = read("test-results/playwright.json");
if (pw) {
  passed += pw.stats?.expected ?? 0;
  failed += (pw.stats?.unexpected ?? 0) + (pw.stats?.flaky ?? 0);
  skipped += pw.stats?.skipped ?? 0;
  failed += (pw.errors ?? []).length;
} else missing.push("playwright");

if (missing.length) {
  console.error(`No results from: ${missing.join(", ")} (a step before them failed).`);
  failed += missing.length;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
