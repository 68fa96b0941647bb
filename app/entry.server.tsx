import crypto from "node:crypto";
import type {
  AppLoadContext,
  EntryContext,
  HandleDataRequestFunction,
  HandleDocumentRequestFunction,
  HandleErrorFunction,
} from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "./components/nonce";
import { i18nextTranslator } from "./i18n/catalogs.server";
// Registers every language's staff catalogs before any render (issue 18).
import "./i18n/staff-catalogs.server";
import { TranslatorFactoryContext } from "./i18n/i18n";
import {
  isDatabaseUnavailable,
  noteDatabaseUnavailable,
  statusAfterDatabaseCheck,
} from "./utils/database-unavailable.server";
import { contentSecurityPolicy } from "./utils/request-guard.server";
import { nulByteFilter } from "./utils/strip-nul.server";
import { installRouteMatchCache } from "./utils/route-match-cache.server";
import { startWebhookDelivery } from "./models/webhook-delivery.server";

export {
  checkIncomingRequest,
  BASE_SECURITY_HEADERS,
  ALLOWED_METHODS,
  MAX_BODY_BYTES,
  TOO_LARGE_MESSAGE,
  isApiPath,
} from "./utils/request-guard.server";
export { problemBody } from "./utils/api/problem.server";
export { publicOrigin } from "./utils/env.server";
// server.js: the database check before listening, and /readyz (issue 15, item 14).
export { checkDatabaseAtStart, databaseReadiness } from "./utils/database-health.server";
export { announceFirstRunSetup } from "./models/first-run.server";
// server.js: the answering page's autosave, answered in front of Remix (issue 19).
export { AUTOSAVE_PATH, handleAutosave } from "./utils/autosave-endpoint.server";

// Route matching memoised for the whole server (performance, issue 9): see route-match-cache.server.ts.
installRouteMatchCache();

// Run once by server.js at start: scoring marks left by a crash or a failed attempt (scoring-jobs.server.ts).
export { resumePendingScoring } from "./models/scoring-jobs.server";
// Run once by server.js at start: this process's webhook delivery timer (webhook-delivery.server.ts).
export { startWebhookDelivery } from "./models/webhook-delivery.server";
// `npm run dev` has no server.js: the dev server starts the timer here (once; it survives module reloads).
if (process.env.NODE_ENV === "development") startWebhookDelivery();
// Started once by server.js at boot: retention purge, reminders and mail retries under a database lease (issue 21).
export { startScheduledJobs } from "./models/scheduled-jobs.server";

const ABORT_DELAY = 5_000;

// The one place where the database layer's DatabaseUnavailableError (lock held elsewhere, disk full or read-only,
// PostgreSQL silent) becomes a 503 with Retry-After instead of a 500 (issue 15, items 12-15).
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (isDatabaseUnavailable(error)) {
    noteDatabaseUnavailable(context);
    console.error(`${request.method} ${new URL(request.url).pathname}: 503 (${error.message})`);
    return;
  }
  if (request.signal.aborted) return;
  const inner = isRouteErrorResponse(error) ? (error as { error?: unknown }).error : undefined;
  console.error(inner ?? error);
};

export const handleDataRequest: HandleDataRequestFunction = (response, { context }) => {
  const headers = new Headers(response.headers);
  const status = statusAfterDatabaseCheck(response.status, headers, context);
  if (status === response.status && status !== 503) return response;
  return new Response(response.body, { status, statusText: response.statusText, headers });
};

const handleRequest: HandleDocumentRequestFunction = (
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) => {
  responseStatusCode = statusAfterDatabaseCheck(responseStatusCode, responseHeaders, loadContext);
  const nonce = loadContext.cspNonce ?? crypto.randomBytes(16).toString("base64");
  if (process.env.NODE_ENV === "production") {
    responseHeaders.set("Content-Security-Policy", contentSecurityPolicy(nonce));
  }
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        {/* i18n: the server renders with an i18next instance per request (app/i18n/i18n.ts) */}
        <TranslatorFactoryContext.Provider value={i18nextTranslator}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </TranslatorFactoryContext.Provider>
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          // React 18 leaves NUL bytes where a multi-byte character meets its buffer's end (strip-nul.server.ts).
          const body = nulByteFilter();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
};

export default handleRequest;
