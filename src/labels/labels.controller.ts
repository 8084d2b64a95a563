import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AnyStaff, CurrentActor, NoAdminRead, Roles } from '../auth/auth.decorators';
import type { Actor } from '../common/actor';
import { DinPipe } from '../common/din.pipe';
import { DomainError } from '../common/domain-error';
import { LabelQuery, ProductCodeTableDto, ProductCodeUploadQuery, ProductCodesQuery, ScanDto, VerifyLabelDto } from './dto/labels.dto';
import { LABEL_STAGES, type LabelStage } from './label-model';
import { LabelsService } from './labels.service';
import { ProductCodesService } from './product-codes.service';
import { ReportService } from './report.service';
import { ScanService } from './scan.service';

const DIN_PARAM = { name: 'din', description: '13-character ISBT 128 DIN, or 14 with its check character (a wrong one is 422)', example: 'W123426000001' };
const STAGE_PARAM = { name: 'stage', enum: LABEL_STAGES, description: 'FACT-NetCord labelling stage' };

function stageOf(raw: string): LabelStage {
  if (!(LABEL_STAGES as readonly string[]).includes(raw)) {
    throw new DomainError('VALIDATION_FAILED', `stage: ${JSON.stringify(raw.slice(0, 40))} is not a label stage`, { errors: [{ field: 'stage', message: `must be one of ${LABEL_STAGES.join(', ')}` }] });
  }
  return raw as LabelStage;
}

@ApiTags('labels and scanning')
@ApiBearerAuth()
@Controller('units')
export class LabelsController {
  constructor(
    private readonly labels: LabelsService,
    private readonly reports: ReportService,
  ) {}

  @Get(':din/labels/:stage')
  @Roles('lab_technician')
  @NoAdminRead()
  @ApiParam(DIN_PARAM)
  @ApiParam(STAGE_PARAM)
  @ApiProduces('application/pdf', 'application/zpl')
  @ApiOkResponse({ description: 'the label: PDF (Accept: application/pdf, the default) or ZPL II for a 203 dpi thermal printer (Accept: application/zpl or ?format=zpl); header X-Label-Print-Number' })
  @ApiResponse({ status: 409, description: 'LABEL_NOT_SUPPORTED: the record lacks what this stage prints (`missing` names it)' })
  @ApiResponse({ status: 422, description: 'a reprint without a reason' })
  @ApiOperation({
    summary: 'Print a unit label (ISBT 128: Code 128 per structure, DataMatrix compound message, 21 CFR 1271 statements)',
    description:
      'Every call is a print and is recorded on the unit\'s audit chain (stage, format, print number, SHA-256 of the content, barcodes and statements). ' +
      'The first print of a stage needs no reason; every later print of that stage, in either format, is a reprint and needs `?reason=`. Lab technicians only.',
  })
  async label(
    @CurrentActor() actor: Actor,
    @Param('din', DinPipe) din: string,
    @Param('stage') stage: string,
    @Query() q: LabelQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    // Fastify answers HEAD with the GET handler: here that would record a print nobody received
    if (reply.request.method === 'HEAD') throw new DomainError('METHOD_NOT_ALLOWED', 'HEAD is not served here: GET prints the label (and records the print)');
    const s = stageOf(stage);
    const format = q.format ?? (/application\/(x-)?zpl/i.test(accept ?? '') ? 'zpl' : 'pdf');
    const { body, printNumber } = await this.labels.print(actor, din, s, format, q.reason);
    reply.header('content-type', format === 'pdf' ? 'application/pdf' : 'application/zpl; charset=utf-8');
    reply.header('content-disposition', `inline; filename="${din}-${s}.${format}"`);
    reply.header('x-label-print-number', String(printNumber));
    return body;
  }

  @Post(':din/labels/:stage/verify')
  @HttpCode(200)
  @Roles('lab_technician')
  @ApiParam(DIN_PARAM)
  @ApiParam(STAGE_PARAM)
  @ApiOkResponse({ description: '`{result: "match", stage, structures}`: recorded on the unit\'s audit chain' })
  @ApiResponse({ status: 409, description: 'LABEL_MISMATCH (another DIN, product code or ABO/Rh, or one not scanned; `mismatches` lists them; recorded too, for QA) or LABEL_NOT_SUPPORTED' })
  @ApiResponse({ status: 422, description: 'UNREADABLE_SCAN: a scan that is not an ISBT 128 structure (`errors` names it)' })
  @ApiOperation({ summary: 'Scan-back verification of an applied label against the record', description: 'Lab technicians. Both a match and a mismatch are recorded on the unit\'s audit chain.' })
  verify(@CurrentActor() actor: Actor, @Param('din', DinPipe) din: string, @Param('stage') stage: string, @Body() dto: VerifyLabelDto) {
    return this.labels.verify(actor, din, stageOf(stage), dto.scans);
  }

  @Get(':din/report')
  @AnyStaff()
  @ApiParam(DIN_PARAM)
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'the unit report (PDF)' })
  @ApiOperation({
    summary: 'Unit report that goes with a shipment (PDF)',
    description: 'Identity, HLA, cell counts, viability, CFU, ABO/Rh, sterility, the donor\'s IDM results and computed eligibility with its reasons (21 CFR 1271.55 summary of records), storage and excursions, custody. The donor is named by donor number only. Any staff role.',
  })
  async report(@Param('din', DinPipe) din: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const pdf = await this.reports.render(din);
    reply.header('content-type', 'application/pdf');
    reply.header('content-disposition', `inline; filename="${din}-report.pdf"`);
    return pdf;
  }
}

@ApiTags('labels and scanning')
@ApiBearerAuth()
@Controller('scan')
export class ScanController {
  constructor(private readonly scans: ScanService) {}

  @Post()
  @HttpCode(200)
  @AnyStaff()
  @ApiOkResponse({ description: '`{structures: [{number, name, kind, text, fields}], unit: {din, dinCheck, status, bankingType, productCode} | null}`' })
  @ApiResponse({ status: 422, description: 'UNREADABLE_SCAN: `errors[0]` names what could not be read and where' })
  @ApiOperation({ summary: 'Read what a barcode scanner typed (ISBT 128 structure or compound message)', description: 'Keyboard-wedge input: one data structure, with or without its data identifier, or a compound message; surrounding whitespace and an AIM symbology prefix are ignored. Any staff role.' })
  scan(@Body() dto: ScanDto) {
    return this.scans.scan(dto.data);
  }
}

@ApiTags('administration')
@ApiBearerAuth()
@Controller('reference/product-codes')
export class ProductCodesController {
  constructor(private readonly codes: ProductCodesService) {}

  @Post()
  @Roles('admin')
  @ApiConsumes('text/csv', 'application/json')
  @ApiBody({
    description: 'text/csv: the header `code,description,class,modifiers,attributes` and one row per Product Description Code; or JSON `{csv, note?}`',
    schema: { type: 'string', example: 'code,description,class,modifiers,attributes\nS1128,"HPC, CORD BLOOD",HPC CORD BLOOD,Cryopreserved,10% DMSO|<=-150C\n' },
  })
  @ApiResponse({ status: 201, type: ProductCodeTableDto, description: 'the new version' })
  @ApiResponse({ status: 422, description: 'the CSV is not valid: `errors` names each line and column' })
  @ApiOperation({
    summary: 'Load the bank\'s ISBT 128 product code table (a new version)',
    description: 'Admin (reference tables, DESIGN.md 6). The whole file is validated; nothing is loaded unless every row is right. Each upload is a new immutable version; units keep the version their code came from. Audited with every code on the `reference:product-codes` chain (GET /audit?chain=reference:product-codes).',
  })
  load(@CurrentActor() actor: Actor, @Body() body: unknown, @Query() q: ProductCodeUploadQuery) {
    let csv: unknown = body;
    let note: unknown = q.note;
    if (body && typeof body === 'object' && !Array.isArray(body)) {
      const b = body as Record<string, unknown>;
      const extra = Object.keys(b).filter((k) => k !== 'csv' && k !== 'note');
      if (extra.length) throw new DomainError('VALIDATION_FAILED', `${extra[0]}: not a field of a product code upload`, { errors: extra.map((field) => ({ field, message: 'is not allowed' })) });
      csv = b.csv;
      note = b.note ?? note;
    }
    if (typeof csv !== 'string' || !csv.trim()) throw new DomainError('VALIDATION_FAILED', 'csv: send the table as text/csv, or JSON {csv}', { errors: [{ field: 'csv', message: 'required: the CSV text' }] });
    if (note !== undefined && note !== null && (typeof note !== 'string' || note.length > 500 || /[\u0000-\u001f\u007f]/.test(note))) throw new DomainError('VALIDATION_FAILED', 'note: must be a string of at most 500 characters, without control characters', { errors: [{ field: 'note', message: 'must be a string of at most 500 characters, without control characters' }] });
    return this.codes.load(actor, csv, (note as string | undefined)?.trim() || null);
  }

  @Get()
  @AnyStaff()
  @ApiOkResponse({ description: 'a version of the table (default the current one) with `items` (its codes) and `versions` (every version, newest first)' })
  @ApiOperation({ summary: 'The product code table (current or a given version)', description: 'Any staff role. The codes a unit may be given at processing; with `?version=` an earlier version, as units that got their code from it still show.' })
  get(@Query() q: ProductCodesQuery) {
    return this.codes.get(q.version);
  }
}
