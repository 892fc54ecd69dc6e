// The module's error codes with their HTTP status and message key (manifest `errors`).
export const layananErrors = {
  /** no active service with that slug */
  'layanan.unknown_service': { status: 404, message: 'layanan.error.unknown_service' },
  'layanan.not_found': { status: 404, message: 'layanan.error.not_found' },
  /** an idempotency key another person's form used */
  'layanan.duplicate_submit': { status: 409, message: 'layanan.error.duplicate_submit' },
  /** the step is not open from the application's state (or another officer took it first) */
  'layanan.bad_transition': { status: 409, message: 'layanan.error.bad_transition' },
  /** returning or rejecting needs a reason the citizen can act on */
  'layanan.reason_required': { status: 422, message: 'layanan.error.reason_required' },
} as const satisfies Record<string, { status: number; message: string }>;
