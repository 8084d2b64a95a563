import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import type { Actor } from '../common/actor';
import { UuidParamPipe } from '../common/pipes';
import { DryRunReportView, ImportRequestDto, ImportView } from './dto/imports.dto';
import { ImportsService } from './imports.service';

@ApiTags('administration')
@ApiBearerAuth()
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post('dry-run')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Dry run of an inventory import (admin)',
    description:
      'Reads the inventory CSV files of a directory under IMPORT_DIR, streamed, and reports every row that would be refused and why (unknown column, bad DIN check character, a unit in two positions, a date out of order, an unknown donor reference…). Nothing is written. README "Bulk import" lists the files and columns.',
  })
  @ApiOkResponse({ type: DryRunReportView })
  dryRun(@Body() dto: ImportRequestDto): Promise<DryRunReportView> {
    return this.imports.dryRun(dto.directory);
  }

  @Post()
  @HttpCode(202)
  @Roles('admin')
  @ApiOperation({
    summary: 'Import an existing inventory (admin)',
    description:
      'Runs the dry run again and, when no row would be refused, queues one import job (422 with the report otherwise). The job applies the files in chunks as actor system:import with the operator named, each file\'s SHA-256 in the reason of every entry it writes; it resumes after a crash from its checkpoints. Follow it with GET /imports/{id}.',
  })
  @ApiAcceptedResponse({ type: ImportView })
  start(@CurrentActor() actor: Actor, @Body() dto: ImportRequestDto): Promise<ImportView> {
    return this.imports.start(actor, dto.directory);
  }

  @Get(':id')
  @Roles('admin')
  @ApiParam({ name: 'id', description: 'import id (uuid)' })
  @ApiOperation({
    summary: 'Progress of an import (admin)',
    description: 'Status (queued, running, completed, failed), phase, and per file its SHA-256, rows, rows done (the checkpoint) and rows skipped as already present. Its audit trail is GET /audit?chain=import:<id>.',
  })
  @ApiOkResponse({ type: ImportView })
  get(@Param('id', new UuidParamPipe('Import')) id: string): Promise<ImportView> {
    return this.imports.get(id);
  }
}
