import { Injectable } from '@nestjs/common';
import { AuthService } from '../auth/auth.service';
import type { Actor } from '../common/actor';
import { DomainError } from '../common/domain-error';
import { Db } from '../database/db.service';
import type { QualitySignatureDto } from './dto/quality.dto';

/**
 * The e-signature of a quality act (21 CFR Part 11.200(a)(1)): the password is checked again by
 * AuthService.sign; the e-mail, when given, must be the signer's own; the meaning must be the one
 * the act stands for (Part 11.50(a)(3): the meaning is part of the signed record).
 */
@Injectable()
export class QualitySignatures {
  constructor(
    private readonly auth: AuthService,
    private readonly db: Db,
  ) {}

  async sign(actor: Actor, input: QualitySignatureDto | undefined, meaning: string) {
    if (input && input.meaning?.trim().toLowerCase() !== meaning) {
      throw new DomainError('VALIDATION_FAILED', `signature.meaning: must be "${meaning}" for this act`, { errors: [{ field: 'signature.meaning', message: `must be "${meaning}"` }] });
    }
    if (input?.email !== undefined && actor.type === 'user') {
      const user = await this.db.one<{ email: string }>(`SELECT email FROM users WHERE id = $1`, [actor.id]);
      if (!user || user.email.toLowerCase() !== input.email.trim().toLowerCase()) {
        throw new DomainError('SIGNATURE_INVALID', "The signature's e-mail is not the signed-in user's");
      }
    }
    const signed = await this.auth.sign(actor, input);
    return { ...signed, meaning };
  }
}
