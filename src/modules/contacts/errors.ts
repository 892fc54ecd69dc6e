// The module's error codes with their HTTP status and message key, registered through the manifest's
// `errors` (an unregistered code would answer 500).
import { AppError } from '../../platform/http/errors.ts';

export const contactsErrors = {
  /** ?kecamatan= names no active kecamatan */
  'contacts.unknown_kecamatan': { status: 404, message: 'contacts.error.unknown_kecamatan' },
  /** the seeded national numbers (112, 110, …) are kept by the platform, not edited by hand */
  'contacts.national_locked': { status: 409, message: 'contacts.error.national_locked' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ContactsErrorCode = keyof typeof contactsErrors;

export function contactsError(code: ContactsErrorCode, params: Record<string, string | number> = {}): AppError {
  const e = contactsErrors[code];
  return new AppError(code, e.message, {}, params, e.status);
}
