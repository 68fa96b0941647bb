// A local HTTP receiver on 127.0.0.1 for the webhook and Greenhouse tests: records every request and answers with
// the status `answer` returns (200 unless told otherwise).
import http from "node:http";
import type net from "node:net";

export type ReceivedRequest = { method: string; path: string; headers: http.IncomingHttpHeaders; body: string };

export type Receiver = {
  url: string;
  port: number;
  received: ReceivedRequest[];
  answer: (request: ReceivedRequest) => number;
  close: () => Promise<void>;
};

export async function startReceiver(port = 0): Promise<Receiver> {
  const receiver: Receiver = {
    url: "",
    port: 0,
    received: [],
    answer: () => 200,
    close: async () => undefined,
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request = {
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      receiver.received.push(request);
      res.statusCode = receiver.answer(request);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  receiver.port = (server.address() as net.AddressInfo).port;
  receiver.url = `http://127.0.0.1:${receiver.port}`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}

/** The three Standard Webhooks headers of a received request, for `new Webhook(secret).verify(body, headers)`. */
export function signatureHeaders(request: ReceivedRequest): Record<string, string> {
  return {
    "webhook-id": String(request.headers["webhook-id"]),
    "webhook-timestamp": String(request.headers["webhook-timestamp"]),
    "webhook-signature": String(request.headers["webhook-signature"]),
  };
}
