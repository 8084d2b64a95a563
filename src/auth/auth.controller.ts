import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../common/actor';
import { UuidParamPipe } from '../common/pipes';
import { CurrentActor, Public, Roles } from './auth.decorators';
import { AuthService } from './auth.service';
import { CreateIntegrationDto, CreateUserDto, IntegrationCreatedView, IntegrationView, LoginDto, LoginResponse, UpdateUserDto, UserView } from './dto/auth.dto';
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
}

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
@Roles('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiOperation({ summary: 'Create a staff user with roles (admin)' })
  @ApiOkResponse({ type: UserView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto): Promise<UserView> {
    return this.users.create(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List staff users (admin)' })
  async list(): Promise<{ items: UserView[] }> {
    return { items: await this.users.list() };
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change name, roles, password or active flag (admin)' })
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
