import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { type Actor, type Role } from '../common/actor';
import { DomainError } from '../common/domain-error';
import { ANY_STAFF, NO_ADMIN_READ_KEY, INTEGRATION_KEY, PASSWORD_CHANGE_KEY, PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import { AuthService } from './auth.service';

/**
 * The one guard on every route (DESIGN.md section 6). Deny by default: a route must say who may
 * call it. `admin` is the IT role and implies no product role (segregation of duties, Part
 * 11.10(g)): it reads every staff route (GET) and changes only routes that name `admin`. A token
 * whose password is one-time reaches only `@AllowsPasswordChangePending()` routes. An integration
 * key reaches only routes marked `@IntegrationOnly()`, and those refuse staff tokens.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = context.switchToHttp().getRequest<FastifyRequest & { actor?: Actor }>();
    const integrationRoute = this.reflector.getAllAndOverride<boolean>(INTEGRATION_KEY, targets) ?? false;
    const roles = this.reflector.getAllAndOverride<(Role | typeof ANY_STAFF)[]>(ROLES_KEY, targets);

    const apiKey = req.headers['x-api-key'];
    const authz = req.headers.authorization;
    if (typeof apiKey === 'string' && apiKey.length > 0) {
      const actor = await this.auth.actorFromApiKey(apiKey, req.id);
      if (!integrationRoute) throw new DomainError('FORBIDDEN', 'An integration key may only post lab events');
      req.actor = actor;
      return true;
    }
    if (typeof authz !== 'string' || !/^Bearer\s+\S+$/i.test(authz)) {
      throw new DomainError('UNAUTHENTICATED', integrationRoute ? 'Send the integration key in X-API-Key' : 'Send a bearer token (POST /api/v1/auth/login)');
    }
    const passwordChange = this.reflector.getAllAndOverride<boolean>(PASSWORD_CHANGE_KEY, targets) ?? false;
    const actor = await this.auth.actorFromToken(authz.replace(/^Bearer\s+/i, ''), req.id, passwordChange);
    req.actor = actor;
    if (integrationRoute && !roles) throw new DomainError('FORBIDDEN', 'This route is for lab integrations (X-API-Key)');
    if (!roles || roles.length === 0) throw new DomainError('FORBIDDEN', 'No role may call this route');
    if (roles.includes(ANY_STAFF) && actor.roles.length > 0) return true;
    if (actor.roles.some((r) => roles.includes(r))) return true;
    const adminReads = !(this.reflector.getAllAndOverride<boolean>(NO_ADMIN_READ_KEY, targets) ?? false);
    if (adminReads && actor.roles.includes('admin') && (req.method === 'GET' || req.method === 'HEAD')) return true;
    const named = roles.filter((r) => r !== ANY_STAFF).join(', ');
    throw new DomainError(
      'FORBIDDEN',
      actor.roles.includes('admin')
        ? `This needs one of the roles: ${named}. admin is the IT role and does not imply it (segregation of duties); an administrator may grant the role to a user (PATCH /api/v1/users/:id)`
        : `This needs one of the roles: ${named}`,
    );
  }
}
