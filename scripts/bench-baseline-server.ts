// The HTTP side of both autosave baselines (SQLite and PostgreSQL): POST /save with the autosave form fields,
// one conditional UPDATE through `save`, 200 or 409 with the revision, as the app answers.
import http from "node:http";

export type BaselineSave = { id: string; itemId: string; value: string | number; baseRevision: number };

/** Starts the bare node:http server; `save` resolves true when exactly one row was updated. */
export function serveBaseline(port: number, label: string, save: (s: BaselineSave) => boolean | Promise<boolean>) {
  const server = http.createServer((req, res) => {
    if (req.method !== "POST" || req.url !== "/save") {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
      const base = Number(form.get("baseRevision"));
      const text = form.get("value") ?? "";
      const value = /^\d+$/.test(text) ? Number(text) : text;
      Promise.resolve()
        .then(() => save({ id: form.get("id") ?? "", itemId: form.get("itemId") ?? "", value, baseRevision: base }))
        .then((ok) => {
          res.writeHead(ok ? 200 : 409, { "Content-Type": "application/json" });
          res.end(JSON.stringify({ ok, revision: ok ? base + 1 : base }));
        })
        .catch((error: unknown) => {
          res.writeHead(500, { "Content-Type": "application/json" });
          res.end(JSON.stringify({ ok: false, revision: base, error: String(error) }));
        });
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(port, "127.0.0.1", () => console.log(`${label} listening on http://127.0.0.1:${port}`));
  return server;
}
