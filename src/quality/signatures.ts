import { Injectable } from '@nestjs/common';
import type { SignatureMeaning } from '../auth/dto/auth.dto';
import { AuthService } from '../auth/auth.service';
import type { Actor } from '../common/actor';
import type { QualitySignatureDto } from './dto/quality.dto';

/**
 * The e-signature of a quality act (21 CFR Part 11.200(a)(1)): AuthService.sign checks the password
 * again, the e-mail (the identification component, required at a session's first signing) and that
 * the meaning is the one the act stands for (Part 11.50(a)(3): the meaning is part of the record).
 */
@Injectable()
export class QualitySignatures {
  constructor(private readonly auth: AuthService) {}

  async sign(actor: Actor, input: QualitySignatureDto | undefined, meaning: SignatureMeaning) {
    const signed = await this.auth.sign(actor, input, meaning);
    return { ...signed, meaning };
  }
}
