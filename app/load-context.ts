import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Client address for throttling (set by server.js; tests pass their own). */
    clientIp?: string;
    /** Per-request CSP nonce (set by server.js). */
    cspNonce?: string;
  }
}

export {};
