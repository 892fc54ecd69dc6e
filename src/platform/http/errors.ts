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
  | 'method_not_allowed'
  | 'conflict'
  | 'rate_limited'
  | 'service_unavailable'
  | 'internal_error'
  | (string & {});

// The platform's own codes; modules register theirs (manifest `errors`, prefixed with the module
// id) through registerErrors() when they load.
const PLATFORM_STATUS: Record<string, number> = {
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
  method_not_allowed: 405,
  conflict: 409,
  rate_limited: 429,
  service_unavailable: 503,
  internal_error: 500,
  // uploads (platform/files)
  too_many_files: 422,
  file_too_large: 413,
  file_empty: 422,
  file_type_not_allowed: 422,
  file_type_mismatch: 422,
  file_damaged: 422,
};
export const PLATFORM_ERROR_CODES = Object.keys(PLATFORM_STATUS);

const registry = new Map<string, { status: number; message?: string }>(Object.entries(PLATFORM_STATUS).map(([k, status]) => [k, { status }]));

/** A module's codes (validated as unique and prefixed by loadModules); registering twice is harmless. */
export function registerErrors(errors: Record<string, { status: number; message: string }>) {
  for (const [code, spec] of Object.entries(errors)) {
    if (!Number.isInteger(spec.status) || spec.status < 400 || spec.status > 599) throw new Error(`error code ${code}: status ${spec.status} is not an HTTP error status`);
    registry.set(code, spec);
  }
}

export function isRegisteredError(code: string): boolean {
  return registry.has(code);
}

/** The i18n key a registered module code shows when the thrower gave none. */
export function defaultMessage(code: string): string | undefined {
  return registry.get(code)?.message;
}

export class AppError extends Error {
  /** false when thrown with a code nobody registered: answered as a 500 and logged as a bug */
  public readonly registered: boolean;
  public readonly status: number;
  constructor(
    public readonly code: ErrorCode,
    /** i18n key (or literal text) for the message shown to people; '' = the code's registered message */
    public readonly messageKey: string = '',
    public readonly fields: Record<string, string> = {},
    public readonly params: Record<string, string | number> = {},
    status?: number,
  ) {
    super(`${code}: ${messageKey}`);
    const spec = registry.get(code);
    this.registered = spec !== undefined;
    // an unknown code is a bug (a typo, or a module that forgot to declare it): never a quiet 400
    this.status = spec ? (status ?? spec.status) : 500;
    if (!messageKey) this.messageKey = spec?.message ?? 'error.500.body';
  }
}

export function statusOf(code: string): number {
  return registry.get(code)?.status ?? 500;
}
