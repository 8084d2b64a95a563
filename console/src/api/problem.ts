import type { components } from './schema';

type ProblemBody = components['schemas']['ProblemDto'];

/**
 * Every error the API gives, normalised once (problem+json `{title, detail, errors[]}`): `detail` goes
 * above the form, each of `errors[]` on the field it names. A network failure becomes a problem too,
 * so nothing is swallowed.
 */
export class Problem extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly code?: string;
  readonly errors: { field: string; message: string }[];
  readonly requestId?: string;

  constructor(body: Partial<ProblemBody> & { status: number }) {
    super(body.detail ?? body.title ?? `HTTP ${body.status}`);
    this.status = body.status;
    this.title = body.title ?? 'Error';
    this.detail = body.detail ?? body.title ?? `The service answered ${body.status}`;
    this.code = body.code;
    this.errors = Array.isArray(body.errors) ? body.errors : [];
    this.requestId = body.requestId;
  }

  static from(error: unknown, response?: Response): Problem {
    if (error instanceof Problem) return error;
    if (error && typeof error === 'object' && 'status' in error && typeof (error as ProblemBody).status === 'number') return new Problem(error as ProblemBody);
    if (response) return new Problem({ status: response.status, title: response.statusText, detail: typeof error === 'string' && error ? error : `The service answered ${response.status} ${response.statusText}` });
    return new Problem({ status: 0, title: 'No answer', detail: error instanceof Error ? `The service could not be reached: ${error.message}` : 'The service could not be reached' });
  }
}

/** The message the API gave for one field (`errors[].field`), e.g. `patient.weightKg`. */
export function fieldError(problem: Problem | null | undefined, field: string): string | undefined {
  if (!problem) return undefined;
  const found = problem.errors.filter((e) => e.field === field || e.field.startsWith(`${field}.`) || e.field.startsWith(`${field}[`));
  return found.length ? found.map((e) => e.message).join('; ') : undefined;
}
