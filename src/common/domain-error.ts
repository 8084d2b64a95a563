/**
 * The core's error codes (HTTP, auth, validation, the database), with the HTTP status the one global
 * filter answers for each. A feature's own codes live in its `<feature>.errors.ts` (declared in
 * FeatureErrorCodes below, registered at boot through registerErrorCodes).
 */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  MALFORMED_JSON: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  SIGNATURE_INVALID: 401,
  FORBIDDEN: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  SEGREGATION_OF_DUTIES: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  DUPLICATE: 409,
  INVALID_TRANSITION: 409,
  REQUEST_TIMEOUT: 408,
  LABEL_NOT_SUPPORTED: 409,
  LABEL_MISMATCH: 409,
  PAYLOAD_TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  VALIDATION_FAILED: 422,
  INVALID_DIN: 422,
  UNREADABLE_SCAN: 422,
  TOO_MANY_REQUESTS: 429,
  HEADERS_TOO_LARGE: 431,
  INTERNAL: 500,
  DATABASE_UNAVAILABLE: 503,
} as const;

/**
 * The features' codes: each `<feature>.errors.ts` writes its table once with `featureErrors` and adds
 * the table's codes here by declaration merging
 * (`declare module '../common/domain-error' { interface FeatureErrorCodes extends CodesOf<typeof STORAGE_ERRORS> {} }`),
 * so a service throws only a code that exists, and registers their statuses at boot.
 */
export interface FeatureErrorCodes {}

export type ErrorCode = keyof typeof ERROR_STATUS | keyof FeatureErrorCodes;

const statuses = new Map<string, number>(Object.entries(ERROR_STATUS));

/** Registers a feature's error codes with their HTTP statuses; a code registered twice must keep its status. */
export function registerErrorCodes(codes: Record<string, number>): void {
  for (const [code, status] of Object.entries(codes)) {
    const known = statuses.get(code);
    if (known !== undefined && known !== status) throw new Error(`error code ${code} is already registered with status ${known}, not ${status}`);
    statuses.set(code, status);
  }
}

/** The HTTP status of a code (core or registered feature code); undefined when nobody registered it. */
export function errorStatus(code: string): number | undefined {
  return statuses.get(code);
}

export interface FieldError {
  field: string;
  message: string;
}

/**
 * A failure a client can act on. Services throw these (never HTTP exceptions); the global
 * filter turns them into application/problem+json with the status of their code.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { errors?: FieldError[]; retryAfterSeconds?: number; [key: string]: unknown } = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }

  get status(): number {
    return errorStatus(this.code) ?? 500;
  }
}

export const notFound = (what: string, id: string): DomainError =>
  new DomainError('NOT_FOUND', `${what} ${JSON.stringify(id)} was not found`);

export const validationFailed = (errors: FieldError[]): DomainError =>
  new DomainError(
    'VALIDATION_FAILED',
    errors.map((e) => `${e.field}: ${e.message}`).join('; '),
    { errors },
  );

/** One field refused (422): the same problem body as `validationFailed` with a single entry. */
export const fieldError = (field: string, message: string): DomainError => validationFailed([{ field, message }]);
