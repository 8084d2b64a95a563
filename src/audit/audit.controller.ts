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
  @ApiOperation({
    summary: 'The audit log, newest first, cursor-paginated',
    description: 'Every chain (units, donors, freezers, release requests, users, integrations), filtered by `din`, `chain`, `actor`, `action` and a `from`/`to` time window; `nextCursor` fetches the next page. Personal data is redacted for roles that may not read it (21 CFR Part 11.10(e)).',
  })
  @ApiOkResponse({ type: AuditPage })
  list(@CurrentActor() actor: Actor, @Query() q: AuditQuery): Promise<AuditPage> {
    return this.audit.list(q, actor);
  }

  @Get('units/:din/audit')
  @AnyStaff()
  @ApiParam({ name: 'din', description: '13-character DIN or 14 with check character' })
  @ApiOperation({ summary: "A unit's audit trail, oldest first", description: 'Every change to the unit and what belongs to it, with actor, time (database clock), reason, before/after values, e-signature and the hash chain (seq, prevHash, hash), written by the database in the same transaction as the change.' })
  @ApiOkResponse({ type: AuditTrail })
  async trail(@CurrentActor() actor: Actor, @Param('din', DinPipe) din: string): Promise<AuditTrail> {
    return { din, items: await this.audit.trail(din, actor) };
  }

  @Get('units/:din/audit/verify')
  @AnyStaff()
  @ApiParam({ name: 'din', description: '13-character DIN or 14 with check character' })
  @ApiOperation({ summary: "Verify the unit's audit hash chain", description: 'Recomputes SHA-256 over every entry and its predecessor; `valid: false` names the first entry that does not match (`firstInvalidSeq`), and a deleted tail entry is caught by the chain head.' })
  @ApiOkResponse({ type: VerifyResult })
  verify(@Param('din', DinPipe) din: string): Promise<VerifyResult> {
    return this.audit.verify(din);
  }
}
