import { Controller, Get, HttpCode, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PageQuery } from '../common/pagination';
import { Roles } from './auth.decorators';
import { SecurityEvents } from './security-events.service';

@ApiTags('administration')
@ApiBearerAuth()
@Controller('security-events')
export class SecurityEventsController {
  constructor(private readonly events: SecurityEvents) {}

  @Get()
  @HttpCode(200)
  @Roles('admin', 'quality_assurance', 'auditor')
  @ApiOkResponse({ description: '`{items, page, pageSize, total}`: each `{id, kind, occurredAt, userId, email, address, failures, detail}`, newest first' })
  @ApiOperation({
    summary: 'Security events: repeated failed logins and signatures',
    description:
      'Every lockout after LOGIN_MAX_FAILURES failed logins or e-signatures, and every address throttled for failed logins to unknown accounts, ' +
      'is recorded at once as a security event (21 CFR Part 11.300(d)), append-only and on the hash-chained audit trail (chain `security`).',
  })
  list(@Query() q: PageQuery) {
    return this.events.list(q.page, q.pageSize);
  }
}
