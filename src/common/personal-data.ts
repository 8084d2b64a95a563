import { type Actor, readsOutcomes, seesPersonalData } from './actor';

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

/** The table a clinical audit entry records (trigger `audit_clinical_row` adds `record`), or undefined. */
function clinicalRecord(e: { before: unknown; after: unknown }): string | undefined {
  const r = (e.after as { record?: unknown } | null)?.record;
  return typeof r === 'string' && r.startsWith('clinical_') ? r : undefined;
}

/**
 * Clinical outcome entries (what was given and measured, on a release request's chain) are shown
 * only to the roles that read outcomes (issue 17); the others see that such an entry exists, its
 * action, actor, time and reason, not the values.
 */
function redactClinical(e: { before: unknown; after: unknown }): { before: unknown; after: unknown } {
  const record = clinicalRecord(e);
  if (!record) return e;
  const id = (e.after as { id?: unknown }).id;
  return { before: e.before === null ? null : '[redacted]', after: { record, ...(id === undefined ? {} : { id }), values: '[redacted]' } };
}

export function redactForReader<T extends { before: unknown; after: unknown }>(entries: T[], actor: Actor | undefined): T[] {
  const personal = seesPersonalData(actor);
  const outcomes = readsOutcomes(actor);
  if (personal && outcomes) return entries;
  return entries.map((e) => {
    const c = outcomes ? e : { ...e, ...redactClinical(e) };
    return personal ? c : { ...c, before: redact(c.before), after: redact(c.after) };
  });
}
