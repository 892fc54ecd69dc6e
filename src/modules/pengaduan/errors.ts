// The module's error codes with their HTTP status and message key (manifest `errors`).
import { AppError } from '../../platform/http/errors.ts';

export const pengaduanErrors = {
  /** a category code no active category has */
  'pengaduan.unknown_category': { status: 422, message: 'pengaduan.error.unknown_category' },
  /** a kecamatan/kelurahan that does not exist or a kelurahan outside the chosen kecamatan */
  'pengaduan.bad_location': { status: 422, message: 'pengaduan.error.bad_location' },
  /** a map point outside the region's box (region pack map.json, else Indonesia) */
  'pengaduan.bad_point': { status: 422, message: 'pengaduan.map.error.outside' },
  'pengaduan.empty_description': { status: 422, message: 'pengaduan.error.empty_description' },
  /** a second submit with the same idempotency key lost the race (answered with the first complaint) */
  'pengaduan.duplicate_submit': { status: 409, message: 'pengaduan.error.duplicate_submit' },
  /** the transition is not allowed from the complaint's state */
  'pengaduan.illegal_transition': { status: 409, message: 'pengaduan.error.illegal_transition' },
} as const satisfies Record<string, { status: number; message: string }>;

export type PengaduanErrorCode = keyof typeof pengaduanErrors;

export function pengaduanError(code: PengaduanErrorCode, params: Record<string, string | number> = {}): AppError {
  const e = pengaduanErrors[code];
  return new AppError(code, e.message, {}, params, e.status);
}
