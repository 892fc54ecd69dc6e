// Images are never stored as uploaded: decoding and re-encoding with sharp drops every piece of
// metadata (EXIF with GPS position, camera serial and time, XMP, IPTC, ICC), after turning the
// picture upright by its EXIF orientation. A display size and a thumbnail are kept; the original
// bytes are not (they are what carries the metadata).
import type { Sharp } from 'sharp';

// loaded on the first upload, not at start: most requests and every CLI command never need it
let sharpLib: Promise<typeof import('sharp')> | undefined;

/** longest side of the display rendition; phones send 4000 px and more */
export const DISPLAY_PX = 1600;
export const THUMB_PX = 320;
/** refuse decompression bombs: 40 megapixels is well above any phone camera */
const MAX_PIXELS = 40_000_000;

export interface Rendition {
  bytes: Buffer;
  type: string;
  ext: string;
  width: number;
  height: number;
}

export class ImageUnreadable extends Error {}

export async function renderImage(bytes: Uint8Array, mime: string): Promise<{ display: Rendition; thumb: Rendition }> {
  const format = mime === 'image/png' ? 'png' : mime === 'image/webp' ? 'webp' : 'jpeg';
  const ext = format === 'jpeg' ? 'jpg' : format;
  const sharp = (await (sharpLib ??= import('sharp'))).default;
  const base: Sharp = sharp(bytes, { failOn: 'error', limitInputPixels: MAX_PIXELS }).rotate();
  const encode = async (px: number): Promise<Rendition> => {
    let img = base.clone().resize({ width: px, height: px, fit: 'inside', withoutEnlargement: true });
    img = format === 'png' ? img.png({ compressionLevel: 9 }) : format === 'webp' ? img.webp({ quality: 80 }) : img.jpeg({ quality: 82, mozjpeg: true });
    const { data, info } = await img.toBuffer({ resolveWithObject: true });
    return { bytes: data, type: `image/${format}`, ext, width: info.width, height: info.height };
  };
  try {
    return { display: await encode(DISPLAY_PX), thumb: await encode(THUMB_PX) };
  } catch (e) {
    throw new ImageUnreadable((e as Error).message);
  }
}
