import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../common/actor';
import { UuidParamPipe } from '../common/pipes';
import { AllowsPasswordChangePending, AnyStaff, CurrentActor, Public, Roles } from './auth.decorators';
import { AuthService } from './auth.service';
import { ChangePasswordDto, CreateIntegrationDto, CreateUserDto, IntegrationCreatedView, IntegrationView, LoginDto, LoginResponse, UpdateUserDto, UserView } from './dto/auth.dto';
import { IntegrationsService, UsersService } from './users.service';

@ApiTags('administration')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Staff login: returns a bearer token',
    description:
      'Send `Authorization: Bearer <accessToken>` on every other staff call; the token expires after `expiresIn` seconds. ' +
      'After LOGIN_MAX_FAILURES wrong passwords the account is locked for LOGIN_LOCKOUT_SECONDS (429 with Retry-After); the lockout is an audit entry (21 CFR Part 11.300(d)).',
  })
  @ApiOkResponse({ type: LoginResponse })
  login(@Body() dto: LoginDto, @Req() req: FastifyRequest): Promise<LoginResponse> {
    return this.auth.login(dto.email, dto.password, req.ip);
  }

  @Post('password')
  @HttpCode(200)
  @AnyStaff()
  @AllowsPasswordChangePending()
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Change your own password (every staff role); replaces a one-time password',
    description:
      'The current password is checked again (a wrong one is 401 and counts toward the lockout). A one-time password (set by an administrator, ' +
      'or generated at first start) must be replaced here first: until then its token reaches only this route (403 PASSWORD_CHANGE_REQUIRED elsewhere). ' +
      'The change is audited on the user\'s chain (without secrets) and ends every session of the account; the answer carries a new token.',
  })
  @ApiOkResponse({ type: LoginResponse })
  changePassword(@CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto): Promise<LoginResponse> {
    return this.auth.changePassword(actor, dto.currentPassword, dto.newPassword);
  }
}

@ApiTags('administration')
@ApiBearerAuth()
@Controller('users')
@Roles('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiOperation({
    summary: 'Create a staff user with roles',
    description: 'Roles as in DESIGN.md section 6; a user may hold several. The e-mail is unique (409 otherwise). The password is one-time: the user replaces it at the first login (POST /auth/password). Creating a user is an entry on the account\'s audit chain (`user:<id>`), without the password.',
  })
  @ApiCreatedResponse({ type: UserView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto): Promise<UserView> {
    return this.users.create(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List staff users', description: 'Every staff account with its roles, whether it is active, who is locked out (lockedUntil) and who still has a one-time password (mustChangePassword); never a password or its hash.' })
  async list(): Promise<{ items: UserView[] }> {
    return { items: await this.users.list() };
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change a user\'s name, roles, password or active flag',
    description: 'Send only what changes. Each change (a reset password shows as `[changed]`) is an entry on the account\'s audit chain (21 CFR Part 11.10(d)); a password given here is a reset: one-time, to be replaced by the user at the next login; a role change, deactivation or reset ends the user\'s sessions at once.',
  })
  @ApiBody({
    type: UpdateUserDto,
    examples: {
      roles: { summary: 'change roles', value: { roles: ['lab_technician', 'quality_assurance'] } },
      reset: { summary: 'reset the password', value: { password: 'a new long passphrase 2026' } },
      deactivate: { summary: 'deactivate the account', value: { active: false } },
    },
  })
  @ApiOkResponse({ type: UserView })
  update(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe('User')) id: string, @Body() dto: UpdateUserDto): Promise<UserView> {
    return this.users.update(actor, id, dto);
  }
}

@ApiTags('administration')
@ApiBearerAuth()
@Controller('integrations')
@Roles('admin')
export class IntegrationsController {
  constructor(private readonly integrations: IntegrationsService) {}

  @Post()
  @ApiOperation({
    summary: 'Register a lab integration; the API key is shown once',
    description: 'The key (`apiKey`) is returned only in this answer; the bank keeps its SHA-256. The integration sends it as `X-API-Key` to POST /lab/events and can reach nothing else. Audited on `integration:<id>`.',
  })
  @ApiCreatedResponse({ type: IntegrationCreatedView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateIntegrationDto): Promise<IntegrationCreatedView> {
    return this.integrations.create(actor, dto.name);
  }

  @Get()
  @ApiOperation({ summary: 'List lab integrations', description: 'Each integration with the first characters of its key (to recognise it) and when it was revoked; never the key.' })
  async list(): Promise<{ items: IntegrationView[] }> {
    return { items: (await this.integrations.list()) as IntegrationView[] };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an integration key', description: 'Effective at once: the key is looked up on every request. The integration and the events it sent stay; revoking is an audit entry.' })
  revoke(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe('Integration')) id: string): Promise<void> {
    return this.integrations.revoke(actor, id);
  }
}
