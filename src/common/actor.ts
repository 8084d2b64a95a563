export const ROLES = ['admin', 'coordinator', 'lab_technician', 'quality_assurance', 'medical_director', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export type ActorType = 'user' | 'integration' | 'system';

/** Who is acting, carried from the request into the transaction so the audit triggers can record it. */
export interface Actor {
  type: ActorType;
  id: string;
  name: string;
  roles: Role[];
  requestId?: string;
  /** the login session of a staff token (auth_sessions; Part 11.200(a)(1)(i)) */
  sessionId?: string;
}

export function systemActor(name: string, requestId?: string): Actor {
  return { type: 'system', id: name, name, roles: [], requestId };
}

/** Roles that may read donor personal data (names, birth date, contact): DESIGN.md section 6. */
export const PERSONAL_DATA_ROLES: readonly Role[] = ['admin', 'coordinator', 'medical_director'];

export function seesPersonalData(actor: Actor | undefined): boolean {
  return !!actor && actor.roles.some((r) => PERSONAL_DATA_ROLES.includes(r));
}

/**
 * Roles that read patients' clinical outcomes (issue 17): the medical director, coordinators and
 * auditors; not admin (the IT role), although DESIGN.md section 6 lets admin read everything else.
 */
export const OUTCOME_READER_ROLES: readonly Role[] = ['medical_director', 'coordinator', 'auditor'];

export function readsOutcomes(actor: Actor | undefined): boolean {
  return !!actor && actor.roles.some((r) => OUTCOME_READER_ROLES.includes(r));
}
