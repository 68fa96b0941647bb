// Server time as `npm run bench` reports it (issue 19): from the request's first byte read to its last byte written.
// Only when the server runs with BENCH_TIMING=1; server.js then stamps each request in the http server's own
// 'request' listener, before express. Node has parsed the request head by then: for a head that arrives in one TCP
// read (every bench request) that is the event-loop turn that read its first byte. The body read is inside the span;
// it ends at the response's 'finish' event (the last byte handed to the kernel). A header can't carry a figure known
// only after the body is written, so the figures wait in memory until the bench reads them (GET /__bench/server-times).

/** Requests kept between two reads; more are counted as dropped. */
export const BENCH_TIMING_CAPACITY = 200_000;

export const BENCH_TIMING_PATH = "/__bench/server-times";

/** A recorder of [method, path, status, ms] per finished request, emptied by each read. */
export function benchTimingRecorder(capacity = BENCH_TIMING_CAPACITY) {
  let entries = [];
  let dropped = 0;
  return {
    /** Call first thing in the server's 'request' listener. */
    start(req, res) {
      const started = performance.now();
      const url = req.url ?? "";
      const query = url.indexOf("?");
      const path = query === -1 ? url : url.slice(0, query);
      if (path.startsWith("/__bench/")) return;
      res.once("finish", () => {
        const ms = performance.now() - started;
        if (entries.length >= capacity) dropped += 1;
        else entries.push([req.method, path, res.statusCode, Math.round(ms * 1000) / 1000]);
      });
    },
    /** Every request finished since the last read, oldest first; empties the buffer. */
    drain() {
      const out = { entries, dropped };
      entries = [];
      dropped = 0;
      return out;
    },
  };
}

/** Only the machine itself may read the figures (the bench talks to 127.0.0.1). */
export function isLoopback(address) {
  return address === "127.0.0.1" || address === "::1" || address === "::ffff:127.0.0.1";
}
