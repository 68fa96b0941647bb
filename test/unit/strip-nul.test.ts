// React 18.3's streaming renderer leaves 0x00 bytes where a multi-byte character meets the end of its 2,048-byte
// buffer (app/utils/strip-nul.server.ts). The document stream drops them: the bytes sent equal renderToString's.
import { PassThrough } from "node:stream";
import { createElement } from "react";
import { renderToPipeableStream, renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { nulByteFilter, withoutNulBytes } from "../../app/utils/strip-nul.server";

const page = () =>
  createElement(
    "main",
    null,
    Array.from({ length: 400 }, (_, i) =>
      createElement("p", { key: i, title: `${i}: Täysin samaa mieltä` }, `ä€😀 ${i}`),
    ),
  );

function streamed(filter: boolean): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const { pipe } = renderToPipeableStream(page(), {
      onAllReady() {
        const chunks: Buffer[] = [];
        const sink = filter ? nulByteFilter() : new PassThrough();
        sink.on("data", (c: Buffer) => chunks.push(c));
        sink.on("end", () => resolve(Buffer.concat(chunks)));
        pipe(sink);
      },
      onError: reject,
    });
  });
}

const nulCount = (b: Buffer) => b.reduce((n, byte) => n + (byte === 0 ? 1 : 0), 0);

describe("NUL bytes of React 18's streaming renderer", () => {
  it("are there without the filter (so this test can fail) and gone with it, leaving renderToString's bytes", async () => {
    const raw = await streamed(false);
    expect(nulCount(raw)).toBeGreaterThan(0);
    const filtered = await streamed(true);
    expect(nulCount(filtered)).toBe(0);
    expect(filtered.toString("utf8")).toBe(renderToString(page()));
  });

  it("removes every 0x00 byte of a chunk and returns a clean chunk as it is", () => {
    const clean = Buffer.from("mieltä", "utf8");
    expect(withoutNulBytes(clean)).toBe(clean);
    const dirty = Buffer.concat([
      Buffer.from([0]),
      Buffer.from("miel"),
      Buffer.from([0, 0]),
      Buffer.from("tä"),
      Buffer.from([0]),
    ]);
    expect(withoutNulBytes(dirty).toString("utf8")).toBe("mieltä");
    expect(withoutNulBytes(Buffer.from([0, 0, 0])).length).toBe(0);
  });
});
