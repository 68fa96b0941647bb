// Time to interactive of the answering page (/r/1, after consent) on a throttled phone, with and without JavaScript
// (issue 19). Playwright's Chromium (/usr/bin/chromium) + CDP: 4× CPU slowdown, 1.6 Mbps down / 750 kbps up, 150 ms
// latency per request, a 360×740 phone, a cold HTTP cache every run.
//
// Library: `measureAnsweringTti({ baseUrl, invitationLink, runs })` (what `npm run bench` calls; see
// /work/coord/issue19-interfaces.md, section "tti"). Alone: `npx tsx scripts/bench/tti.ts [--runs 5] [--port 3460]
// [--build-dir build-tti]` serves that build (`node scripts/e2e-server.mjs`: a fresh seeded database), invites
// candidates on the demo position as the demo recruiter and prints the figures.
//
// What is timed, from navigation start (performance.timeOrigin) of the /r/1 navigation:
// - JavaScript on: the `vb-hydrated` performance mark, set by the root layout's effect once React has hydrated the
//   document (app/root.tsx). Each run then clicks a radio and requires the autosave POST the click causes: a run where
//   React did not handle the click fails rather than reports a time.
// - JavaScript off: the latest of DOMContentLoaded's end, the first contentful paint and the last stylesheet's
//   arrival: the whole form parsed, styled and on screen (noJsInteractiveMs of tti-profile.ts).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { networkConditions, noJsInteractiveMs, PHONE_PROFILE, summarize, type Summary } from "./tti-profile";

export { PHONE_PROFILE } from "./tti-profile";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The performance mark app/root.tsx sets after hydration. */
const HYDRATED_MARK = "vb-hydrated";
/** Where the answering page's hook posts each answer (AUTOSAVE_PATH of app/utils/autosave-endpoint.server.ts). */
const AUTOSAVE_PATH = "/r/autosave";
/** A run that has not become interactive by then has failed (the figure is in seconds; this is a hang guard). */
const RUN_TIMEOUT_MS = 60_000;

export type RunDetail = {
  /** The run's figure (ms from navigation start). */
  ttiMs: number;
  /** First contentful paint, DOMContentLoaded end and load event end (ms from navigation start). */
  fcpMs: number | null;
  dclMs: number;
  loadMs: number;
  /** Requests of the page (the document + its resources) and their bytes on the wire, as the browser counted them. */
  requests: number;
  transferBytes: number;
};

export type TtiSummary = Summary & { detail: RunDetail[] };

export type TtiResult = {
  profile: {
    cpuSlowdown: number;
    downloadBytesPerSecond: number;
    uploadBytesPerSecond: number;
    latencyMs: number;
    viewport: { width: number; height: number };
    deviceScaleFactor: number;
  };
  js: TtiSummary;
  noJs: TtiSummary;
};

export type TtiOptions = {
  /** The running production server, e.g. http://127.0.0.1:3460. */
  baseUrl: string;
  /** A fresh, unused invitation link (`…/i/<token>`; its origin is replaced by baseUrl): called once per run. */
  invitationLink: () => Promise<string>;
  /** Timed runs per mode (default 5); one warm-up run before each mode is discarded. */
  runs?: number;
  /** Chromium to launch (default /usr/bin/chromium). */
  executablePath?: string;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
};

const PHONE_CONTEXT = {
  viewport: PHONE_PROFILE.viewport,
  deviceScaleFactor: PHONE_PROFILE.deviceScaleFactor,
  isMobile: true,
  hasTouch: true,
} as const;

export async function measureAnsweringTti(options: TtiOptions): Promise<TtiResult> {
  const runs = options.runs ?? 5;
  const log = options.log ?? (() => {});
  const browser = await chromium.launch({
    executablePath: options.executablePath ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  try {
    const measure = async (javaScript: boolean): Promise<TtiSummary> => {
      const details: RunDetail[] = [];
      for (let run = 0; run <= runs; run += 1) {
        const link = await options.invitationLink();
        const detail = await measureOnce(browser, options.baseUrl, link, javaScript);
        const label = `${javaScript ? "js" : "no-js"} ${run === 0 ? "warm-up" : `run ${run}/${runs}`}`;
        log(`tti ${label}: ${detail.ttiMs.toFixed(0)} ms (fcp ${detail.fcpMs?.toFixed(0) ?? "-"} ms)`);
        if (run > 0) details.push(detail);
      }
      return { ...summarize(details.map((d) => d.ttiMs)), detail: details };
    };
    const js = await measure(true);
    const noJs = await measure(false);
    const net = networkConditions(PHONE_PROFILE);
    return {
      profile: {
        cpuSlowdown: PHONE_PROFILE.cpuSlowdown,
        downloadBytesPerSecond: net.downloadThroughput,
        uploadBytesPerSecond: net.uploadThroughput,
        latencyMs: net.latency,
        viewport: { ...PHONE_PROFILE.viewport },
        deviceScaleFactor: PHONE_PROFILE.deviceScaleFactor,
      },
      js,
      noJs,
    };
  } finally {
    await browser.close();
  }
}

/** Consents on the invitation in a throwaway context (unthrottled, untimed) and returns the session's cookies. */
async function consentedCookies(browser: Browser, baseUrl: string, link: string) {
  const context = await browser.newContext({ ...PHONE_CONTEXT, javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    const invitation = new URL(new URL(link).pathname, baseUrl).href;
    const response = await page.goto(invitation);
    if (response?.status() !== 200) throw new Error(`tti: the invitation ${invitation} answered ${response?.status()}`);
    await page.getByRole("checkbox").check();
    await page.getByRole("button", { name: /^(Start|Continue where I stopped)$/ }).click();
    await page.waitForURL(/\/r\/1$/);
    return await context.cookies();
  } finally {
    await context.close();
  }
}

async function measureOnce(browser: Browser, baseUrl: string, link: string, javaScript: boolean): Promise<RunDetail> {
  const cookies = await consentedCookies(browser, baseUrl, link);
  // A new context: an empty HTTP cache (and code cache), only the respondent's cookie carried over.
  const context = await browser.newContext({ ...PHONE_CONTEXT, javaScriptEnabled: javaScript });
  try {
    await context.addCookies(cookies);
    const page = await context.newPage();
    page.setDefaultTimeout(RUN_TIMEOUT_MS);
    await throttle(context, page);
    const response = await page.goto(new URL("/r/1", baseUrl).href, { waitUntil: "load" });
    if (response?.status() !== 200) throw new Error(`tti: /r/1 answered ${response?.status()}`);
    let timing = await pageTiming(page);
    // The paint entry can be recorded a frame after the load event: read again until it is there (5 s at most).
    for (let i = 0; timing.firstContentfulPaint === null && i < 50; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      timing = await pageTiming(page);
    }
    let ttiMs: number;
    if (javaScript) {
      await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, HYDRATED_MARK, {
        polling: 100,
      });
      ttiMs = await page.evaluate((mark) => performance.getEntriesByName(mark)[0].startTime, HYDRATED_MARK);
      // Interactive means React handles the click: the answer goes out as an autosave POST.
      const saved = page.waitForRequest((r) => r.method() === "POST" && new URL(r.url()).pathname === AUTOSAVE_PATH);
      await page.locator('fieldset.question-item input[type="radio"]').first().check();
      await saved;
    } else {
      const usable = noJsInteractiveMs(timing);
      if (usable === null) throw new Error("tti: the page without JavaScript never painted");
      ttiMs = usable;
    }
    return {
      ttiMs,
      fcpMs: timing.firstContentfulPaint,
      dclMs: timing.domContentLoadedEnd,
      loadMs: timing.loadEnd,
      requests: timing.requests,
      transferBytes: timing.transferBytes,
    };
  } finally {
    await context.close();
  }
}

/** The phone profile on this page's renderer and network, before it navigates. */
async function throttle(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", networkConditions(PHONE_PROFILE));
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: PHONE_PROFILE.cpuSlowdown });
}

/** Navigation, paint and resource timings of the loaded page (evaluated by Playwright, also with scripts disabled). */
async function pageTiming(page: Page) {
  return page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    const resources = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
    const fcp = performance.getEntriesByName("first-contentful-paint")[0];
    return {
      domContentLoadedEnd: nav.domContentLoadedEventEnd,
      loadEnd: nav.loadEventEnd,
      firstContentfulPaint: fcp ? fcp.startTime : null,
      stylesheetResponseEnds: resources
        .filter((r) => r.initiatorType === "link" && new URL(r.name).pathname.endsWith(".css"))
        .map((r) => r.responseEnd),
      requests: 1 + resources.length,
      transferBytes: nav.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0),
    };
  });
}

// ---------------------------------------------------------------------------------------------------------- alone

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
}

async function waitForServer(url: string, server: ChildProcess) {
  for (let i = 0; i < 600; i += 1) {
    if (server.exitCode !== null) throw new Error(`tti: the server exited with code ${server.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`tti: the server did not answer ${url} within 150 s`);
}

/** Invites `count` candidates on the seeded demo position as its recruiter; returns their links. */
async function demoInvitationLinks(browser: Browser, baseUrl: string, port: string, count: number) {
  const passwords = path.resolve(`test-results/e2e-data-${port}/demo-passwords.json`);
  const email = "recruiter@northwind.test";
  const password = (JSON.parse(fs.readFileSync(passwords, "utf8")) as Record<string, string>)[email];
  const context = await browser.newContext({ baseURL: baseUrl });
  try {
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.waitForURL(/\/app$/);
    await page.goto("/app/positions");
    await page.getByRole("link", { name: "Customer support agent" }).first().click();
    const section = page.getByRole("region", { name: "Candidates" });
    const names = Array.from({ length: count }, (_, i) => `TTI Candidate ${i + 1}`);
    await section.getByLabel("One person per line: name, email").fill(names.join("\n"));
    await section.getByRole("button", { name: "Invite all candidates" }).click();
    const links = section.locator("input[data-invitation-link]");
    await links.nth(count - 1).waitFor();
    return await Promise.all(names.map((_, i) => links.nth(i).inputValue()));
  } finally {
    await context.close();
  }
}

async function main() {
  const runs = Number(argValue("--runs") ?? 5);
  const port = argValue("--port") ?? "3460";
  const buildDir = argValue("--build-dir") ?? "build-tti";
  if (!fs.existsSync(path.join(buildDir, "server/index.js"))) {
    throw new Error(
      `tti: no build in ${buildDir}/; build it first: BUILD_DIR=${buildDir} npx remix vite:build && ` +
        `BUILD_DIR=${buildDir} node scripts/precompress.mjs`,
    );
  }
  const baseUrl = `http://localhost:${port}`;
  const server = spawn(process.execPath, ["scripts/e2e-server.mjs"], {
    env: { ...process.env, PORT: port, BUILD_DIR: buildDir },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    await waitForServer(`${baseUrl}/healthz`, server);
    const setup = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
    let links: string[];
    try {
      links = await demoInvitationLinks(setup, baseUrl, port, 2 * (runs + 1));
    } finally {
      await setup.close();
    }
    const result = await measureAnsweringTti({
      baseUrl,
      runs,
      invitationLink: async () => {
        const link = links.shift();
        if (!link) throw new Error("tti: out of invitation links");
        return link;
      },
      log: (line) => console.log(line),
    });
    const row = (name: string, s: TtiSummary) => {
      const kb = summarize(s.detail.map((d) => d.transferBytes / 1000)).median;
      const requests = summarize(s.detail.map((d) => d.requests)).median;
      return (
        `${name.padEnd(16)} median ${s.median.toFixed(0)} ms  min ${s.min.toFixed(0)}  max ${s.max.toFixed(0)}` +
        `  (${runs} runs; ${requests} requests, ${kb.toFixed(1)} KB on the wire)`
      );
    };
    console.log(
      `\nAnswering page /r/1, time to interactive: ${result.profile.cpuSlowdown}× CPU, ` +
        `${result.profile.downloadBytesPerSecond} B/s down, ${result.profile.uploadBytesPerSecond} B/s up, ` +
        `${result.profile.latencyMs} ms latency, ${result.profile.viewport.width}×${result.profile.viewport.height}`,
    );
    console.log(row("JavaScript on", result.js));
    console.log(row("JavaScript off", result.noJs));
    console.log(JSON.stringify(result, null, 2));
  } finally {
    server.kill("SIGTERM");
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
