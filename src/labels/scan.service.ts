import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { Db } from '../database/db.service';
import { IsbtReadError, readScan } from '../isbt128/structures';

/**
 * `POST /scan`: what a keyboard-wedge scanner typed, read as ISBT 128 data structures, with the unit
 * its DIN names. Anything that can not be read is 422 UNREADABLE_SCAN naming what and where.
 */
@Injectable()
export class ScanService {
  constructor(private readonly db: Db) {}

  async scan(data: string) {
    let structures;
    try {
      structures = readScan(data);
    } catch (e) {
      if (!(e instanceof IsbtReadError)) throw e;
      throw new DomainError('UNREADABLE_SCAN', `The scan could not be read: ${e.message}`, { errors: [{ field: 'data', message: `${e.message} (at character ${e.at + 1})` }] });
    }
    const din = structures.find((s) => s.kind === 'din')?.fields.din as string | undefined;
    const unit = din
      ? await this.db.one<{ din: string; din_check: string; status: string; banking_type: string; product_code: string | null }>(
          `SELECT din, din_check, status, banking_type, product_code FROM cord_blood_units WHERE din = $1`,
          [din],
        )
      : undefined;
    const pdc = structures.find((s) => s.kind === 'productCode')?.fields.productDescriptionCode as string | undefined;
    const product = pdc
      ? await this.db.one<{ description: string; version: number }>(
          `SELECT c.description, c.version FROM product_codes c WHERE c.code = $1 AND c.version = (SELECT max(version) FROM product_code_tables)`,
          [pdc],
        )
      : undefined;
    return {
      structures: structures.map((s) => ({
        number: s.number, name: s.name, kind: s.kind, text: s.text,
        fields: s.kind === 'productCode' ? { ...s.fields, description: product?.description ?? null } : s.fields,
      })),
      unit: unit ? { din: unit.din, dinCheck: unit.din_check, status: unit.status, bankingType: unit.banking_type, productCode: unit.product_code } : null,
    };
  }
}
