import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AnyStaff, CurrentActor, Roles } from '../auth/auth.decorators';
import type { Actor } from '../common/actor';
import { DomainError } from '../common/domain-error';
import { UuidParamPipe } from '../common/pipes';
import { RuntimeSettings } from '../config/runtime';
import { ApiErrors } from '../docs/manual';
import { DocumentsService, type UploadedDocument } from './documents.service';
import { DocumentQuery, UploadDocumentForm } from './dto/quality.dto';

const DOCUMENT_ID = { name: 'id', description: 'document id (uuid)', example: '0b7f6a1e-3c2d-4e5f-8a9b-1c2d3e4f5a6b' };
const documentId = new UuidParamPipe('Document');
const FIELDS = ['ownerType', 'ownerId', 'title', 'supersedes', 'supersedeReason'] as const;

interface MultipartPart {
  type: 'file' | 'field';
  fieldname: string;
  filename?: string;
  mimetype?: string;
  value?: unknown;
  toBuffer?: () => Promise<Buffer>;
}

/** Errors of @fastify/multipart (limits, malformed bodies) as the API's problems. */
function multipartProblem(err: unknown, max: number): DomainError {
  const code = (err as { code?: string })?.code ?? '';
  if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') {
    return new DomainError('PAYLOAD_TOO_LARGE', `The document is larger than ${max} bytes (DOCUMENT_MAX_BYTES), or the form has too many parts`);
  }
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the document as multipart/form-data');
  if (err instanceof DomainError) return err;
  return new DomainError('BAD_REQUEST', 'The multipart form could not be read');
}

@ApiTags('quality')
@ApiBearerAuth()
@Controller('documents')
export class DocumentsController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly settings: RuntimeSettings,
  ) {}

  @Post()
  @Roles('coordinator', 'lab_technician', 'quality_assurance', 'medical_director')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    type: UploadDocumentForm,
    examples: {
      deviation: { summary: 'an alarm log attached to a deviation', value: { ownerType: 'deviation', ownerId: '6f1c0c52-8d7e-4f43-9b1a-0d2b9c3e4f51', title: 'Freezer F2 alarm log, 18 March', file: '(the PDF)' } },
    },
  })
  @ApiCreatedResponse({ description: 'the stored document\'s metadata `{id, owner, title, fileName, mediaType, sizeBytes, sha256, uploadedBy, uploadedAt, supersedes, superseded}`' })
  @ApiErrors({ add: { 413: 'the file is larger than DOCUMENT_MAX_BYTES', 415: 'not multipart, or the content is not PDF, PNG, JPEG, TIFF or UTF-8 text' } })
  @ApiOperation({
    summary: 'Attach a document',
    description:
      'multipart/form-data with ownerType (donor, unit, deviation, release_request), ownerId, title and one file (optionally supersedes + supersedeReason). ' +
      'The type is checked from the content (PDF, PNG, JPEG, TIFF, UTF-8 text); larger than DOCUMENT_MAX_BYTES is 413. Stored in PostgreSQL with its SHA-256, never changed or deleted; ' +
      'audited on the owner\'s chain. Who may attach: donor — coordinator; unit — lab technician, QA; deviation — QA, lab technician, coordinator; release request — coordinator, medical director.',
  })
  async upload(@CurrentActor() actor: Actor, @Req() req: FastifyRequest) {
    const max = this.settings.config.DOCUMENT_MAX_BYTES;
    const r = req as FastifyRequest & { isMultipart?: () => boolean; parts?: (o: object) => AsyncIterable<MultipartPart> };
    if (!r.isMultipart?.() || !r.parts) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the document as multipart/form-data');
    const fields: Record<string, string> = {};
    let file: { name: string; type: string; content: Buffer } | undefined;
    try {
      for await (const part of r.parts({ limits: { fileSize: max, files: 1, fields: FIELDS.length, fieldSize: 4000, parts: FIELDS.length + 1 } })) {
        if (part.type === 'file') {
          if (part.fieldname !== 'file') throw new DomainError('VALIDATION_FAILED', `${part.fieldname}: the file goes in the part named "file"`, { errors: [{ field: part.fieldname, message: 'unknown file part' }] });
          file = { name: part.filename ?? 'document', type: part.mimetype ?? '', content: await part.toBuffer!() };
        } else {
          if (!(FIELDS as readonly string[]).includes(part.fieldname)) {
            throw new DomainError('VALIDATION_FAILED', `${part.fieldname}: unknown field`, { errors: [{ field: part.fieldname, message: 'unknown field' }] });
          }
          fields[part.fieldname] = String(part.value ?? '');
        }
      }
    } catch (err) {
      throw multipartProblem(err, max);
    }
    if (!file) throw new DomainError('VALIDATION_FAILED', 'file: a document file is required', { errors: [{ field: 'file', message: 'is required' }] });
    const upload: UploadedDocument = {
      ownerType: fields.ownerType ?? '', ownerId: fields.ownerId ?? '', title: fields.title ?? '',
      supersedes: fields.supersedes || undefined, supersedeReason: fields.supersedeReason || undefined,
      fileName: file.name, declaredType: file.type, content: file.content,
    };
    return this.documents.upload(actor, upload);
  }

  @Get()
  @AnyStaff()
  @ApiOkResponse({ description: '`{items}`: the owner\'s documents (metadata), oldest first, superseded ones marked' })
  @ApiOperation({ summary: 'The documents of one owner', description: 'owner=donor:<id>, unit:<din>, deviation:<id> or release_request:<id>. A donor\'s documents only for admin, coordinator and medical director (personal data).' })
  list(@CurrentActor() actor: Actor, @Query() q: DocumentQuery) {
    return this.documents.list(actor, q.owner);
  }

  @Get(':id')
  @AnyStaff()
  @HttpCode(200)
  @ApiParam(DOCUMENT_ID)
  @ApiProduces('application/pdf', 'image/png', 'image/jpeg', 'image/tiff', 'text/plain')
  @ApiOkResponse({ description: 'the stored bytes, with Content-Type, an X-Content-SHA256 header and Content-Disposition: attachment' })
  @ApiOperation({ summary: 'Download a document', description: 'The bytes as stored, with their SHA-256 in X-Content-SHA256; only to the roles that may read the owner (a donor\'s: admin, coordinator, medical director).' })
  async download(@CurrentActor() actor: Actor, @Param('id', documentId) id: string, @Res() reply: FastifyReply) {
    const { meta, content } = await this.documents.content(actor, id);
    const name = encodeURIComponent(meta.fileName);
    await reply
      .status(200)
      .header('content-type', meta.mediaType === 'text/plain' ? 'text/plain; charset=utf-8' : meta.mediaType)
      .header('content-disposition', `attachment; filename*=UTF-8''${name}`)
      .header('x-content-type-options', 'nosniff')
      .header('x-content-sha256', meta.sha256)
      .header('cache-control', 'no-store')
      .send(content);
  }
}
