import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../common/actor';
import { UuidParamPipe } from '../common/pipes';
import { AllowsPasswordChangePending, AnyStaff, CurrentActor, Public, Roles } from './auth.decorators';
import { AuthService } from './auth.service';
import { ChangePasswordDto, CreateIntegrationDto, CreateUserDto, IntegrationCreatedView, IntegrationView, LoginDto, LoginResponse, UpdateUserDto, UserView } from './dto/auth.dto';
import { IntegrationsService, UsersService } from './users.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Staff login: returns a bearer token. Repeated failures lock the account for a while (429).' })
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

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
@Roles('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiOperation({ summary: 'Create a staff user with roles (admin)', description: 'The password is one-time: the user replaces it at the first login (POST /auth/password).' })
  @ApiOkResponse({ type: UserView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto): Promise<UserView> {
    return this.users.create(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List staff users (admin)', description: 'With who is locked out (lockedUntil) and who still has a one-time password (mustChangePassword).' })
  async list(): Promise<{ items: UserView[] }> {
    return { items: await this.users.list() };
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change name, roles, password or active flag (admin)',
    description: 'A password given here is a reset: one-time, to be replaced by the user at the next login. A role change, deactivation or reset ends the user\'s sessions at once.',
  })
  @ApiOkResponse({ type: UserView })
  update(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe('User')) id: string, @Body() dto: UpdateUserDto): Promise<UserView> {
    return this.users.update(actor, id, dto);
  }
}

@ApiTags('integrations')
@ApiBearerAuth()
@Controller('integrations')
@Roles('admin')
export class IntegrationsController {
  constructor(private readonly integrations: IntegrationsService) {}

  @Post()
  @ApiOperation({ summary: 'Register a lab integration; the API key is shown once (admin)' })
  @ApiOkResponse({ type: IntegrationCreatedView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateIntegrationDto): Promise<IntegrationCreatedView> {
    return this.integrations.create(actor, dto.name);
  }

  @Get()
  @ApiOperation({ summary: 'List integrations (no keys)' })
  async list(): Promise<{ items: IntegrationView[] }> {
    return { items: (await this.integrations.list()) as IntegrationView[] };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an integration key; effective at once' })
  revoke(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe('Integration')) id: string): Promise<void> {
    return this.integrations.revoke(actor, id);
  }
}
