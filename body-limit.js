// The body limit on the bytes actually read (issue 15), for server.js (express) and the Vite dev server (connect): a
// chunked body has no Content-Length to check up front. The body stays paused until Remix reads it; at the first
// byte past the limit Remix's read fails (no action sees a cut-off body), the answer is 413, and the rest of the body
// is read and dropped (never kept; Node's request timeout bounds how long) on a connection left open, so the client,
// still sending, receives the 413 instead of a reset: closing it made a client's next write fail with EPIPE before it
// had read the answer. No more than `maxBytes` of a body is ever held.

/** Node/connect/express middleware capping every request body at `maxBytes`. */
export function bodyLimit(maxBytes, message) {
  return (req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    let received = 0;
    const count = (chunk) => {
      received += chunk.length;
      if (received <= maxBytes) return;
      req.off("data", count);
      if (req.listenerCount("error") > 0) req.emit("error", new Error(message));
      if (!res.headersSent) {
        res.writeHead(413, {
          "Content-Type": "text/plain; charset=utf-8",
          "Content-Length": Buffer.byteLength(message),
        });
        res.end(message);
        // Remix still answers the request whose body it was reading: that answer has nowhere to go.
        // (express's res.append reads the header before it sets it)
        res.setHeader = res.removeHeader = res.writeHead = res.end = res.flushHeaders = () => res;
        res.getHeader = () => undefined;
        res.getHeaders = () => ({});
        res.hasHeader = () => false;
        res.write = () => true;
        res.flush = () => {};
      }
      req.resume();
    };
    req.pause();
    req.on("data", count);
    next();
  };
}
