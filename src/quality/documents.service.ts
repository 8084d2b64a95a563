import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { fileTypeFromBuffer } from 'file-type';
import { type Actor, type Role, PERSONAL_DATA_ROLES } from '../common/actor';
import { parseDin } from '../common/din';
import { DomainError, fieldError, notFound } from '../common/domain-error';
import { isUuid } from '../common/pipes';
import { Db } from '../database/db.service';
import { DOCUMENT_OWNER_TYPES, type DocumentOwnerType } from './dto/quality.dto';

export const DOCUMENT_MEDIA_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'image/tiff', 'text/plain'] as const;

/** Who may attach a document to each kind of owner (the roles that change that owner, DESIGN.md section 6). */
export const DOCUMENT_WRITERS: Record<DocumentOwnerType, Role[]> = {
  donor: ['coordinator'],
  unit: ['lab_technician', 'quality_assurance'],
  deviation: ['quality_assurance', 'lab_technician', 'coordinator'],
  release_request: ['coordinator', 'medical_director'],
};

const OWNER_COLUMN: Record<DocumentOwnerType, string> = { donor: 'donor_id', unit: 'din', deviation: 'deviation_id', release_request: 'release_request_id' };
const OWNER_TABLE: Record<DocumentOwnerType, [string, string]> = {
  donor: ['donors', 'id'], unit: ['cord_blood_units', 'din'], deviation: ['deviations', 'id'], release_request: ['release_requests', 'id'],
};

export interface UploadedDocument {
  ownerType: string;
  ownerId: string;
  title: string;
  supersedes?: string;
  supersedeReason?: string;
  fileName: string;
  declaredType: string;
  content: Buffer;
}

interface DocumentRow {
  id: string;
  owner_type: DocumentOwnerType;
  donor_id: string | null;
  din: string | null;
  deviation_id: string | null;
  release_request_id: string | null;
  title: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_by: string;
  uploaded_by_name: string;
  supersedes: string | null;
  superseded_by: string | null;
  superseded_at: Date | null;
  supersede_reason: string | null;
  created_at: Date;
}

const META = `id, owner_type, donor_id, din, deviation_id, release_request_id, title, file_name, media_type, size_bytes, sha256, uploaded_by, uploaded_by_name,
  supersedes, superseded_by, superseded_at, supersede_reason, created_at`;

/** UTF-8 text without control characters other than tab, line feed, carriage return and form feed. */
export function isPlainText(content: Buffer): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return false;
  }
  return !/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.test(text);
}

/**
 * The media type of `content`, from its bytes (magic numbers, via `file-type`), never from the name or
 * the declared type; undefined when it is none the bank stores.
 */
export async function detectMediaType(content: Buffer): Promise<string | undefined> {
  const found = await fileTypeFromBuffer(content);
  if (found) return (DOCUMENT_MEDIA_TYPES as readonly string[]).includes(found.mime) ? found.mime : undefined;
  return isPlainText(content) ? 'text/plain' : undefined;
}

/**
 * Documents attached to a donor, unit, deviation or release request (DESIGN.md section 9): stored in
 * PostgreSQL with their SHA-256 (which the database recomputes and checks), never changed or deleted,
 * at most superseded once with a reason; audited on the owner's chain; read by the roles that may read
 * the owner (a donor's documents hold personal data: DESIGN.md section 6).
 */
@Injectable()
export class DocumentsService {
  constructor(private readonly db: Db) {}

  async upload(actor: Actor, u: UploadedDocument): Promise<Record<string, unknown>> {
    if (!(DOCUMENT_OWNER_TYPES as readonly string[]).includes(u.ownerType)) throw fieldError('ownerType', `must be one of ${DOCUMENT_OWNER_TYPES.join(', ')}`);
    const ownerType = u.ownerType as DocumentOwnerType;
    if (!actor.roles.some((r) => DOCUMENT_WRITERS[ownerType].includes(r))) {
      throw new DomainError('FORBIDDEN', `Attaching a document to a ${ownerType} needs one of the roles ${DOCUMENT_WRITERS[ownerType].join(', ')}`);
    }
    if (!u.title?.trim()) throw fieldError('title', 'is required');
    if (u.title.length > 300) throw fieldError('title', 'at most 300 characters');
    if (u.supersedes !== undefined && !isUuid(u.supersedes)) throw fieldError('supersedes', 'must be a document id');
    if ((u.supersedes === undefined) !== (u.supersedeReason === undefined || !u.supersedeReason.trim())) {
      throw fieldError('supersedeReason', 'is required with supersedes, and only with it');
    }
    const ownerId = this.ownerId(ownerType, u.ownerId, 'ownerId');
    if (u.content.length === 0) throw fieldError('file', 'is empty');
    const mediaType = await detectMediaType(u.content);
    if (!mediaType) {
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'The file is not a PDF, PNG, JPEG, TIFF or UTF-8 plain text document (checked from its content)');
    }
    const declared = u.declaredType.split(';')[0].trim().toLowerCase();
    if (declared && declared !== 'application/octet-stream' && declared !== mediaType && !(declared === 'image/jpg' && mediaType === 'image/jpeg')) {
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', `The file was sent as ${declared} but its content is ${mediaType}`);
    }
    const sha256 = createHash('sha256').update(u.content).digest('hex');
    const id = await this.db.tx(actor, async (tx) => {
      const [table, key] = OWNER_TABLE[ownerType];
      // the owner's row is share-locked so it can not change owner identity under the insert
      if (!(await tx.one(`SELECT 1 FROM ${table} WHERE ${key} = $1 FOR KEY SHARE`, [ownerId]))) throw fieldError('ownerId', `no such ${ownerType}`);
      let old: DocumentRow | undefined;
      if (u.supersedes) {
        old = await tx.one<DocumentRow>(`SELECT ${META} FROM documents WHERE id = $1 FOR UPDATE`, [u.supersedes]);
        if (!old) throw fieldError('supersedes', 'no such document');
        if (old.owner_type !== ownerType || this.ownerOf(old) !== ownerId) throw fieldError('supersedes', 'must be a document of the same owner');
        if (old.superseded_by) throw new DomainError('CONFLICT', `Document ${old.id} is already superseded by ${old.superseded_by}`);
      }
      await tx.audit({ action: u.supersedes ? 'document.superseding_attached' : 'document.attached', reason: u.supersedeReason ?? null, signature: null });
      const row = await tx.one<{ id: string }>(
        `INSERT INTO documents (owner_type, ${OWNER_COLUMN[ownerType]}, title, file_name, media_type, size_bytes, sha256, content, uploaded_by, uploaded_by_name, supersedes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [ownerType, ownerId, u.title.trim(), u.fileName.slice(0, 255) || 'document', mediaType, u.content.length, sha256, u.content, actor.id, actor.name, u.supersedes ?? null],
      );
      if (old) {
        await tx.audit({ action: 'document.superseded', reason: u.supersedeReason!, signature: null });
        await tx.query(`UPDATE documents SET superseded_by = $2, superseded_at = now(), supersede_reason = $3 WHERE id = $1`, [old.id, row!.id, u.supersedeReason]);
      }
      return row!.id;
    });
    return this.meta(actor, id);
  }

  private ownerId(type: DocumentOwnerType, raw: string | undefined, field: string): string {
    if (type === 'unit') return parseDin(raw, field).din;
    if (!isUuid(raw)) throw fieldError(field, `must be the id of the ${type}`);
    return raw!.toLowerCase();
  }

  private ownerOf(d: DocumentRow): string {
    return (d.donor_id ?? d.din ?? d.deviation_id ?? d.release_request_id)!;
  }

  /** A donor's documents are personal data: only admin, coordinator and medical director read them. */
  private mayRead(actor: Actor, type: DocumentOwnerType): boolean {
    return type !== 'donor' || actor.roles.some((r) => PERSONAL_DATA_ROLES.includes(r));
  }

  private view(d: DocumentRow) {
    return {
      id: d.id,
      owner: { type: d.owner_type, id: this.ownerOf(d) },
      title: d.title,
      fileName: d.file_name,
      mediaType: d.media_type,
      sizeBytes: d.size_bytes,
      sha256: d.sha256,
      uploadedBy: { id: d.uploaded_by, name: d.uploaded_by_name },
      uploadedAt: d.created_at.toISOString(),
      supersedes: d.supersedes,
      superseded: d.superseded_by ? { by: d.superseded_by, at: d.superseded_at!.toISOString(), reason: d.supersede_reason } : null,
    };
  }

  async meta(actor: Actor, id: string) {
    const d = await this.db.one<DocumentRow>(`SELECT ${META} FROM documents WHERE id = $1`, [id]);
    if (!d) throw notFound('Document', id);
    if (!this.mayRead(actor, d.owner_type)) throw new DomainError('FORBIDDEN', "A donor's documents are readable by admin, coordinator and medical_director only");
    return this.view(d);
  }

  /** `GET /documents/:id`: the stored bytes, only to a role that may read the owner. */
  async content(actor: Actor, id: string): Promise<{ meta: ReturnType<DocumentsService['view']>; content: Buffer }> {
    const d = await this.db.one<DocumentRow & { content: Buffer }>(`SELECT ${META}, content FROM documents WHERE id = $1`, [id]);
    if (!d) throw notFound('Document', id);
    if (!this.mayRead(actor, d.owner_type)) throw new DomainError('FORBIDDEN', "A donor's documents are readable by admin, coordinator and medical_director only");
    return { meta: this.view(d), content: d.content };
  }

  /** `GET /documents?owner=<type>:<id>`: an owner's documents (metadata), oldest first. */
  async list(actor: Actor, owner: string) {
    const at = owner.indexOf(':');
    const type = owner.slice(0, at) as DocumentOwnerType;
    if (at < 0 || !(DOCUMENT_OWNER_TYPES as readonly string[]).includes(type)) throw fieldError('owner', `must be <type>:<id> with type one of ${DOCUMENT_OWNER_TYPES.join(', ')}`);
    const id = this.ownerId(type, owner.slice(at + 1), 'owner');
    if (!this.mayRead(actor, type)) throw new DomainError('FORBIDDEN', "A donor's documents are readable by admin, coordinator and medical_director only");
    const rows = await this.db.query<DocumentRow>(`SELECT ${META} FROM documents WHERE ${OWNER_COLUMN[type]} = $1 ORDER BY created_at, id`, [id]);
    return { items: rows.map((r) => this.view(r)) };
  }
}
