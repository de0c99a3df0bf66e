/**
 * A complaint's photo as it is kept: recognised by its bytes (JPEG, PNG or WebP — never by its
 * name), decoded and re-encoded as a JPEG no larger than a phone screen needs, turned upright and
 * stripped of every metadata block (EXIF with the GPS location, the camera, the owner's name).
 */
import sharp from 'sharp';
import { AppError } from '../../errors.js';
import type { CleanPhoto } from './service.js';

export const MAX_PHOTOS = 3;
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
/** the longest side kept: enough to read a sign or a receipt */
const MAX_SIDE = 1600;
/** a decompression bomb (a small file of huge dimensions) is refused before it is decoded */
const MAX_PIXELS = 50_000_000;

type ImageType = 'jpeg' | 'png' | 'webp';

/** The image type its first bytes say, or null. */
export function imageTypeOf(bytes: Uint8Array): ImageType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return 'png';
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  return null;
}

export async function cleanPhoto(bytes: Buffer, name: string): Promise<CleanPhoto> {
  if (!imageTypeOf(bytes)) throw new AppError('bad_photo', { name, why: '' });
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    return { mime: 'image/jpeg', width: info.width, height: info.height, data };
  } catch {
    throw new AppError('bad_photo', { name, why: 'rusak / damaged' });
  }
}
