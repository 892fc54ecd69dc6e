// Static assets are read once at start, fingerprinted, and served pre-compressed with a long cache.
import fs from 'node:fs';
import zlib from 'node:zlib';
import crypto from 'node:crypto';

const css = fs.readFileSync(new URL('./app.css', import.meta.url));
const hash = crypto.createHash('sha256').update(css).digest('hex').slice(0, 10);

export const CSS_HREF = `/static/app.${hash}.css`;

export interface Asset {
  type: string;
  body: Buffer;
  gzip: Buffer;
  brotli: Buffer;
}

function asset(type: string, body: Buffer): Asset {
  return {
    type,
    body,
    gzip: zlib.gzipSync(body, { level: 9 }),
    brotli: zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
  };
}

const favicon = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0b5394"/><path d="M8 26V12l8-6 8 6v14h-5v-8h-6v8z" fill="#fff"/></svg>',
);

export const ASSETS: Record<string, Asset> = {
  [CSS_HREF]: asset('text/css; charset=utf-8', css),
  '/favicon.svg': asset('image/svg+xml', favicon),
};
