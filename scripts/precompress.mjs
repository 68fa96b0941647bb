// Part of `npm run build` (after `remix vite:build`): writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip,
// level 9) beside every compressible built asset in <BUILD_DIR or build>/client/assets, so server.js sends them
// without compressing per request (issue 15). A variant that would not be smaller is not written.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

/** Text formats; images and fonts (png, woff2, ...) are compressed already. */
export const COMPRESSIBLE = /\.(js|mjs|css|json|svg|html|txt|map|xml|wasm)$/;

/** Writes the variants for every compressible file of `assetsDir`; returns how many files were written. */
export function precompressDirectory(assetsDir) {
  let written = 0;
  for (const entry of fs.readdirSync(assetsDir, { withFileTypes: true })) {
    if (!entry.isFile() || !COMPRESSIBLE.test(entry.name)) continue;
    const file = path.join(assetsDir, entry.name);
    const source = fs.readFileSync(file);
    const variants = {
      br: zlib.brotliCompressSync(source, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
          [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: source.length,
        },
      }),
      gz: zlib.gzipSync(source, { level: zlib.constants.Z_BEST_COMPRESSION }),
    };
    for (const [extension, bytes] of Object.entries(variants)) {
      if (bytes.length >= source.length) continue;
      fs.writeFileSync(`${file}.${extension}`, bytes);
      written += 1;
    }
  }
  return written;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const assetsDir = path.resolve(process.env.BUILD_DIR ?? "build", "client/assets");
  if (!fs.existsSync(assetsDir)) {
    console.error(`precompress: ${assetsDir} does not exist (run remix vite:build first)`);
    process.exit(1);
  }
  const written = precompressDirectory(assetsDir);
  console.log(`precompress: ${written} brotli/gzip files written in ${path.relative(process.cwd(), assetsDir)}`);
}
