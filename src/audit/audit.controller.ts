import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AnyStaff, CurrentActor, Roles } from '../auth/auth.decorators';
import type { Actor } from '../common/actor';
import { DinPipe } from '../common/din.pipe';
import { AuditService } from './audit.service';
import { AuditPage, AuditQuery, AuditTrail, VerifyResult } from './dto/audit.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('audit')
  @Roles('quality_assurance', 'auditor')
  @ApiOperation({ summary: 'The audit log, newest first, cursor-paginated (admin, QA, auditor)' })
  @ApiOkResponse({ type: AuditPage })
  list(@CurrentActor() actor: Actor, @Query() q: AuditQuery): Promise<AuditPage> {
    return this.audit.list(q, actor);
  }

  @Get('units/:din/audit')
  @AnyStaff()
  @ApiParam({ name: 'din', description: '13-character DIN or 14 with check character' })
  @ApiOperation({ summary: "A unit's audit trail, oldest first" })
  @ApiOkResponse({ type: AuditTrail })
  async trail(@CurrentActor() actor: Actor, @Param('din', DinPipe) din: string): Promise<AuditTrail> {
    return { din, items: await this.audit.trail(din, actor) };
  }

  @Get('units/:din/audit/verify')
  @AnyStaff()
  @ApiParam({ name: 'din', description: '13-character DIN or 14 with check character' })
  @ApiOperation({ summary: "Recompute the unit's hash chain; names the first entry that does not match" })
  @ApiOkResponse({ type: VerifyResult })
  verify(@Param('din', DinPipe) din: string): Promise<VerifyResult> {
    return this.audit.verify(din);
  }
}
