import { Module, OnModuleInit } from '@nestjs/common';
import { DonorsModule } from '../donors/donors.module';
import { encodeProductCode } from '../isbt128/structures';
import { StorageModule } from '../storage/storage.module';
import { UnitExtensions, viewPart } from '../units/unit-extensions';
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
    this.extensions.register({ name: 'isbt128', view: productCodePart });
  }
}

/** `productCode` of the unit view: the code, its table version and description, and the structure 003 text. */
const productCodePart = viewPart<{ description: string | null; class: string | null }>({
  sql: `(SELECT json_build_object('description', c.description, 'class', c.class) FROM product_codes c WHERE c.version = u.product_code_version AND c.code = u.product_code)`,
  fields: (v, u) => ({
    productCode: u.product_code
      ? { code: u.product_code, tableVersion: u.product_code_version, description: v?.description ?? null, class: v?.class ?? null, isbt128: encodeProductCode(u.product_code, u.banking_type === 'family' ? 'F' : 'V') }
      : null,
  }),
});
