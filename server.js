// Production server: Remix request handler behind express, with the request guard and security headers.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import compression from "compression";
import express from "express";
import { createRequestHandler } from "@remix-run/express";
import { bodyLimit } from "./body-limit.js";
import { BENCH_TIMING_PATH, benchTimingRecorder, isLoopback } from "./bench-timing.js";

import path from "node:path";
import { pathToFileURL } from "node:url";

const buildDir = path.resolve(process.env.BUILD_DIR ?? "build");
const build = await import(pathToFileURL(path.join(buildDir, "server/index.js")).href);
const {
  checkIncomingRequest,
  BASE_SECURITY_HEADERS,
  ALLOWED_METHODS,
  MAX_BODY_BYTES,
  TOO_LARGE_MESSAGE,
  publicOrigin,
  announceFirstRunSetup,
  isApiPath,
  problemBody,
} = build.entry.module;
// Refuse to start on a bad environment (e.g. no PUBLIC_URL in production) with the reason, not on the first request.
publicOrigin();
// ... and on a database this process cannot write (read-only file, full disk), naming the file (issue 15). Also keeps
// the database open for the life of the server, which is how `npm run restore` sees that a server is running.
try {
  await build.entry.module.checkDatabaseAtStart();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

const app = express();
app.disable("x-powered-by");
if (process.env.TRUST_PROXY === "1") app.set("trust proxy", true);

// For load balancers (issue 15): before the request guard, sessions and CSRF; no personal data; never cached.
// /healthz: the process answers. /readyz: the database takes a write (503 when it does not, e.g. read-only or full).
// BENCH_TIMING=1 (npm run bench only): each request's server time, first byte read to last byte written, kept in
// memory for the bench to read from the loopback interface (bench-timing.js).
const benchTiming = process.env.BENCH_TIMING === "1" ? benchTimingRecorder() : null;
if (benchTiming) {
  app.get(BENCH_TIMING_PATH, (req, res) => {
    if (!isLoopback(req.socket.remoteAddress)) return res.status(404).type("text/plain").send("Not found");
    res.set("Cache-Control", "no-store").json(benchTiming.drain());
  });
}

app.get("/healthz", (_req, res) => {
  res.set(BASE_SECURITY_HEADERS).set("Cache-Control", "no-store").type("text/plain").send("ok");
});
app.get("/readyz", async (_req, res) => {
  const readiness = await build.entry.module.databaseReadiness();
  res.set(BASE_SECURITY_HEADERS).set("Cache-Control", "no-store").type("text/plain");
  if (readiness.ready) res.send("ready");
  else res.status(503).send("not ready: the database does not take writes (see the server log)");
});

/**
 * The request guard of every request: security headers; methods the app does not answer, cross-site state changes
 * and bodies declared too large are answered here (false); otherwise true and the request goes on.
 */
function passesGuard(req, res, pathname) {
  for (const [name, value] of Object.entries(BASE_SECURITY_HEADERS)) res.setHeader(name, value);
  // invitation and answering pages send their own `Referrer-Policy: no-referrer` (the link must not leak)
  if (/^\/(i|r)(\/|$)/.test(pathname)) res.removeHeader("Referrer-Policy");
  const verdict = checkIncomingRequest({
    method: req.method,
    host: req.headers.host,
    origin: req.headers.origin,
    secFetchSite: req.headers["sec-fetch-site"],
    contentLength: req.headers["content-length"],
    path: pathname,
    authorization: req.headers.authorization,
  });
  if (!verdict.ok) {
    // the public API answers its errors as RFC 9457 problem+json (issue 20)
    const api = isApiPath(pathname);
    const body = api ? JSON.stringify(problemBody(verdict.status, verdict.message)) : verdict.message;
    res.writeHead(verdict.status, {
      ...verdict.headers,
      "Content-Type": `${api ? "application/problem+json" : "text/plain"}; charset=utf-8`,
      "Content-Length": Buffer.byteLength(body),
    });
    res.end(body);
    return false;
  }
  // Forms on no-referrer pages (invitation/answering) post `Origin: null`; the guard accepted it because
  // Sec-Fetch-Site is same-origin, so drop it before Remix's own origin check refuses the action.
  if (req.headers.origin === "null" && req.headers["sec-fetch-site"] === "same-origin") delete req.headers.origin;
  return true;
}
app.use((req, res, next) => {
  if (passesGuard(req, res, req.path)) next();
});

// The body limit on the bytes actually read (a chunked body has no Content-Length for the guard above to check).
const limitBody = bodyLimit(MAX_BODY_BYTES, TOO_LARGE_MESSAGE);
app.use(limitBody);

// The answering page's autosave (issue 19), the product's hot path: `POST /r/autosave` is taken before express (see
// the server below) through the same guard and body limit, then answered without Remix's router and single-fetch
// encoding, with the same session, revision, validation and tenant checks (app/utils/autosave-endpoint.server.ts).
const { AUTOSAVE_PATH, handleAutosave } = build.entry.module;
function answerAutosave(req, res) {
  if (!passesGuard(req, res, AUTOSAVE_PATH)) return;
  limitBody(req, res, () =>
    handleAutosave(req, res).catch((error) => {
      console.error(error);
      res.destroy();
    }),
  );
}
const isAutosave = (req) =>
  req.method === "POST" && (req.url === AUTOSAVE_PATH || req.url.startsWith(`${AUTOSAVE_PATH}?`));

// Built assets: the brotli / gzip files written beside them at `npm run build` (scripts/precompress.mjs), chosen by
// Accept-Encoding (br, then gzip, else the file itself).
const assetsDir = path.join(buildDir, "client/assets");
const precompressed = new Set(fs.readdirSync(assetsDir).filter((file) => /\.(br|gz)$/.test(file)));
app.use("/assets", (req, res, next) => {
  if (req.method !== "GET" && req.method !== "HEAD") return next();
  const file = req.path.slice(1);
  if (!precompressed.has(`${file}.br`) && !precompressed.has(`${file}.gz`)) return next();
  res.vary("Accept-Encoding");
  const encoding = req.acceptsEncodings(
    ...[precompressed.has(`${file}.br`) && "br", precompressed.has(`${file}.gz`) && "gzip", "identity"].filter(Boolean),
  );
  if (encoding !== "br" && encoding !== "gzip") return next();
  res.type(path.extname(file));
  res.set("Content-Encoding", encoding);
  req.url = `/${file}.${encoding === "br" ? "br" : "gz"}`;
  next();
});
app.use("/assets", express.static(path.join(buildDir, "client/assets"), { immutable: true, maxAge: "1y" }));
// The other files of public/ (favicon.svg, ...), listed once: a page request then costs no file-system lookup.
const clientDir = path.join(buildDir, "client");
const publicFiles = new Set(
  fs
    .readdirSync(clientDir, { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => `/${entry.name}`),
);
const servePublic = express.static(clientDir, { maxAge: "1h", index: false });
// Everything else (pages, single-fetch .data, public/ files) compressed on the fly, br preferred; Remix flushes after
// each chunk, so streamed HTML still streams.
app.use(compression());
app.use((req, res, next) => (publicFiles.has(req.path) ? servePublic(req, res, next) : next()));

// Pages may carry personal data (answers, reports): never cache them.
app.use((_req, res, next) => {
  res.set("Cache-Control", "no-store");
  next();
});

// Server-Timing: app;dur=<ms> = time from the request reaching Remix to the response head (loaders + shell
// render); read by `npm run bench` (issue 9). Cheap: one timer and a header, no other behaviour change.
app.use((_req, res, next) => {
  const started = performance.now();
  const writeHead = res.writeHead;
  res.writeHead = function (...args) {
    if (!res.headersSent) res.setHeader("Server-Timing", `app;dur=${(performance.now() - started).toFixed(2)}`);
    return writeHead.apply(this, args);
  };
  next();
});

const handleRemix = createRequestHandler({
  build,
  getLoadContext: (req) => {
    let nonce;
    return {
      clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
      // Made when first read: only document renders need one, not the data requests of autosave.
      get cspNonce() {
        nonce ??= crypto.randomBytes(16).toString("base64");
        return nonce;
      },
    };
  },
});
app.all("*", handleRemix);

// Candidates left submitted but unscored (a crash right after their submit or a benchmark activation) or whose scoring
// failed are scored again, once, at start (app/models/scoring-jobs.server.ts); requests are served meanwhile.
build.entry.module
  .resumePendingScoring()
  .then(({ failed }) => {
    if (failed > 0) console.error(`Scoring failed for ${failed} candidate(s): see their positions' results pages.`);
  })
  .catch((error) => console.error("Could not resume scoring:", error));

// Webhooks and Greenhouse callbacks waiting in the outbox (including those a crash left unsent) are sent by this
// process's delivery timer; with several instances each runs one, and a row is claimed by one at a time.
build.entry.module.startWebhookDelivery();

// Jobs that run themselves (app/models/scheduled-jobs.server.ts): retention purge, invitation reminders and mail
// retries, each claimed through a lease row so two instances never run the same job twice; the timer is unref'd.
build.entry.module.startScheduledJobs();

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const server = http.createServer((req, res) => {
  benchTiming?.start(req, res);
  if (isAutosave(req)) answerAutosave(req, res);
  else app(req, res);
});
server.listen(port, host, () => {
  console.log(`valuebench listening on http://localhost:${port}`);
  // A database without staff accounts (no demo seeded): print the one-time first-run link to /setup.
  announceFirstRunSetup().catch((error) => console.error("Could not prepare the first-run setup link:", error));
});

// Methods Node's HTTP parser refuses itself (TRACK, ...) and CONNECT get the same 405 as TRACE (issue 15).
const methodNotAllowed =
  `HTTP/1.1 405 Method Not Allowed\r\nAllow: ${ALLOWED_METHODS.join(", ")}\r\n` +
  "Content-Type: text/plain\r\nContent-Length: 26\r\nConnection: close\r\n\r\nThe method is not allowed.";
server.on("connect", (_req, socket) => socket.end(methodNotAllowed));
server.on("clientError", (error, socket) => {
  if (!socket.writable) return socket.destroy();
  if (error.code === "HPE_INVALID_METHOD") return socket.end(methodNotAllowed);
  // otherwise what Node answers without this listener
  const status =
    error.code === "HPE_HEADER_OVERFLOW"
      ? "431 Request Header Fields Too Large"
      : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? "408 Request Timeout"
        : "400 Bad Request";
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
});
