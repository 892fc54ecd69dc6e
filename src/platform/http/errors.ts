// Errors are values with stable codes. Services throw AppError; the HTTP layer maps the code to a
// status, a JSON body {"error":{"code","message","fields"}} for API clients, or a page for people.
export type ErrorCode =
  | 'validation_failed'
  | 'invalid_json'
  | 'invalid_encoding'
  | 'unsupported_media_type'
  | 'body_too_large'
  | 'unknown_query_parameter'
  | 'csrf_failed'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'service_unavailable'
  | 'internal_error'
  | (string & {});

const STATUS: Record<string, number> = {
  validation_failed: 422,
  invalid_json: 400,
  invalid_encoding: 400,
  unknown_query_parameter: 400,
  unsupported_media_type: 415,
  body_too_large: 413,
  csrf_failed: 403,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  service_unavailable: 503,
  internal_error: 500,
};

export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    /** i18n key (or literal text) for the message shown to people */
    public readonly messageKey: string,
    public readonly fields: Record<string, string> = {},
    public readonly params: Record<string, string | number> = {},
    public readonly status: number = STATUS[code] ?? 400,
  ) {
    super(`${code}: ${messageKey}`);
  }
}

export function statusOf(code: string): number {
  return STATUS[code] ?? 400;
}
