import { type Actor, seesPersonalData } from './actor';

/**
 * Personal data in audit entries is shown only to the roles that may read it: the donor's (DESIGN.md
 * section 6) and, by the same rule, a release request's patient identifier and diagnosis.
 */
const PERSONAL_KEYS = ['first_name', 'last_name', 'date_of_birth', 'email', 'phone', 'ethnicity', 'patient_identifier', 'patient_diagnosis'];

function redact(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const k of PERSONAL_KEYS) if (k in out) out[k] = '[redacted]';
  return out;
}

export function redactForReader<T extends { before: unknown; after: unknown }>(entries: T[], actor: Actor | undefined): T[] {
  if (seesPersonalData(actor)) return entries;
  return entries.map((e) => ({ ...e, before: redact(e.before), after: redact(e.after) }));
}
