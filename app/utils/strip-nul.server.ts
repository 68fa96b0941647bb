// React 18.3's renderToPipeableStream writes into a reused 2,048-byte buffer with TextEncoder.encodeInto; when a
// multi-byte character (ä, ö, č, ș, €, “ …) does not fit at the end, the rest of the buffer is flushed anyway with
// up to three unwritten 0x00 bytes (facebook/react#26228, fixed in React 19; react#31134). Every page in Finnish,
// Slovenian, Romanian, Italian or Spanish hits it: NUL bytes in text, and U+FFFD inside attributes and the streamed
// hydration data. UTF-8 never uses 0x00 inside a character and HTML allows no U+0000, so dropping every 0x00 byte
// of the document stream restores exactly what React meant to send.
import { Transform } from "node:stream";

/** Removes every 0x00 byte of a chunk (the same Buffer when there is none). */
export function withoutNulBytes(chunk: Buffer): Buffer {
  let at = chunk.indexOf(0);
  if (at < 0) return chunk;
  const out = Buffer.allocUnsafe(chunk.length);
  let length = 0;
  let from = 0;
  while (at >= 0) {
    length += chunk.copy(out, length, from, at);
    from = at + 1;
    at = chunk.indexOf(0, from);
  }
  length += chunk.copy(out, length, from);
  return out.subarray(0, length);
}

/** The document stream's last step before the response: React's output without its stray NUL bytes. */
export function nulByteFilter(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, withoutNulBytes(chunk));
    },
  });
}
