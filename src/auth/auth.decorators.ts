import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { type Actor, type Role } from '../common/actor';

export const PUBLIC_KEY = 'cbb:public';
export const ROLES_KEY = 'cbb:roles';
export const INTEGRATION_KEY = 'cbb:integration';
export const ANY_STAFF = 'cbb:any-staff';
export const NO_ADMIN_READ_KEY = 'cbb:no-admin-read';
export const PASSWORD_CHANGE_KEY = 'cbb:password-change';

/** No credentials needed (health and docs only). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/**
 * The staff roles that may call the route. `admin` is the IT role (DESIGN.md section 6): it does
 * not imply any product role; it may read (GET) every staff route, and change only what names it
 * here. A route with no `@Roles` and no `@Public` is refused to everyone: deny by default.
 */
export const Roles = (...roles: (Role | typeof ANY_STAFF)[]) => SetMetadata(ROLES_KEY, roles);

/**
 * A GET that is an act, or a read kept from `admin`: printing a label (audited), reading clinical
 * outcomes (issue 17 names their readers). `admin`'s read of every staff route does not reach it.
 */
export const NoAdminRead = () => SetMetadata(NO_ADMIN_READ_KEY, true);

/** Every staff role may call it (reads of units, storage, custody, a unit's trail). */
export const AnyStaff = () => SetMetadata(ROLES_KEY, [ANY_STAFF]);

/** A token whose password is one-time reaches this route (and no other): `POST /auth/password`. */
export const AllowsPasswordChangePending = () => SetMetadata(PASSWORD_CHANGE_KEY, true);

/** The route takes an integration's X-API-Key (lab events). Integrations reach nothing else. */
export const IntegrationOnly = () => SetMetadata(INTEGRATION_KEY, true);

/** The authenticated actor (set by the guard). */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const req = ctx.switchToHttp().getRequest<{ actor: Actor }>();
  return req.actor;
});
