// Production server: Remix request handler behind express, with the request guard and security headers.
import crypto from "node:crypto";
import fs from "node:fs";
import express from "express";
import { createRequestHandler } from "@remix-run/express";

import path from "node:path";
import { pathToFileURL } from "node:url";

const buildDir = path.resolve(process.env.BUILD_DIR ?? "build");
const build = await import(pathToFileURL(path.join(buildDir, "server/index.js")).href);
const { checkIncomingRequest, BASE_SECURITY_HEADERS } = build.entry.module;

const app = express();
app.disable("x-powered-by");
if (process.env.TRUST_PROXY === "1") app.set("trust proxy", true);

app.use((req, res, next) => {
  res.set(BASE_SECURITY_HEADERS);
  // invitation and answering pages send their own `Referrer-Policy: no-referrer` (the link must not leak)
  if (/^\/(i|r)(\/|$)/.test(req.path)) res.removeHeader("Referrer-Policy");
  const verdict = checkIncomingRequest({
    method: req.method,
    host: req.headers.host,
    origin: req.headers.origin,
    secFetchSite: req.headers["sec-fetch-site"],
    contentLength: req.headers["content-length"],
  });
  if (!verdict.ok) {
    res.status(verdict.status).type("text/plain").send(verdict.message);
    return;
  }
  // Forms on no-referrer pages (invitation/answering) post `Origin: null`; the guard accepted it because
  // Sec-Fetch-Site is same-origin, so drop it before Remix's own origin check refuses the action.
  if (req.headers.origin === "null" && req.headers["sec-fetch-site"] === "same-origin") delete req.headers.origin;
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

app.all(
  "*",
  createRequestHandler({
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
  }),
);

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
app.listen(port, host, () => {
  console.log(`valuebench listening on http://localhost:${port}`);
});
