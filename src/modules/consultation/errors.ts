// The module's error codes, registered through the manifest's `errors`.
export const consultationErrors = {
  /** a follow link whose key does not fit, or a tracking id nobody has */
  'consultation.not_found': { status: 404, message: 'consultation.error.follow' },
} as const satisfies Record<string, { status: number; message: string }>;
