import { Module, OnModuleInit } from '@nestjs/common';
import { Db, Tx } from '../database/db.service';
import { DonorsModule } from '../donors/donors.module';
import { encodeProductCode } from '../isbt128/structures';
import { StorageModule } from '../storage/storage.module';
import { UnitExtensions } from '../units/unit-extensions';
import { UnitsModule } from '../units/units.module';
import { LabelsController, ProductCodesController, ScanController } from './labels.controller';
import { LabelsService } from './labels.service';
import { ProductCodesService } from './product-codes.service';
import { ReportService } from './report.service';
import { ScanService } from './scan.service';
import { UnitFactsService } from './unit-facts.service';

/**
 * ISBT 128 identity and labels (DESIGN.md section 8): the product code table, POST /scan, labels
 * (PDF and ZPL), scan-back verification and the unit report. Adds the unit's product code to the
 * unit view through UnitExtensions, so the units module never imports this one.
 */
@Module({
  imports: [UnitsModule, DonorsModule, StorageModule],
  controllers: [LabelsController, ScanController, ProductCodesController],
  providers: [LabelsService, ProductCodesService, ReportService, ScanService, UnitFactsService],
})
export class LabelsModule implements OnModuleInit {
  constructor(private readonly extensions: UnitExtensions) {}

  onModuleInit(): void {
    this.extensions.register({ name: 'isbt128', view: (db, dins) => productCodeView(db, dins) });
  }
}

/** `productCode` of the unit view: the code, its table version and description, and the structure 003 text. */
async function productCodeView(db: Db | Tx, dins: string[]): Promise<Map<string, Record<string, unknown>>> {
  const rows = await db.query<{ din: string; banking_type: string; product_code: string | null; product_code_version: number | null; description: string | null; class: string | null }>(
    `SELECT u.din, u.banking_type, u.product_code, u.product_code_version, c.description, c.class
       FROM cord_blood_units u LEFT JOIN product_codes c ON c.version = u.product_code_version AND c.code = u.product_code
      WHERE u.din = ANY($1)`,
    [dins],
  );
  return new Map(
    rows.map((r) => [
      r.din,
      {
        productCode: r.product_code
          ? { code: r.product_code, tableVersion: r.product_code_version, description: r.description, class: r.class, isbt128: encodeProductCode(r.product_code, r.banking_type === 'family' ? 'F' : 'V') }
          : null,
      },
    ]),
  );
}
