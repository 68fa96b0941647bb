import { PassThrough } from "node:stream";
import crypto from "node:crypto";
import type { AppLoadContext, EntryContext, HandleDocumentRequestFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "./components/nonce";
import { i18nextTranslator } from "./i18n/catalogs.server";
import { TranslatorFactoryContext } from "./i18n/i18n";
import { contentSecurityPolicy } from "./utils/request-guard.server";
import { installRouteMatchCache } from "./utils/route-match-cache.server";

export {
  checkIncomingRequest,
  BASE_SECURITY_HEADERS,
  ALLOWED_METHODS,
  MAX_BODY_BYTES,
  TOO_LARGE_MESSAGE,
} from "./utils/request-guard.server";
export { publicOrigin } from "./utils/env.server";
export { announceFirstRunSetup } from "./models/first-run.server";

// Route matching memoised for the whole server (performance, issue 9): see route-match-cache.server.ts.
installRouteMatchCache();

const ABORT_DELAY = 5_000;

const handleRequest: HandleDocumentRequestFunction = (
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) => {
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
          const body = new PassThrough();
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
