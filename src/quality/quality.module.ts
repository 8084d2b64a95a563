import { Module } from '@nestjs/common';
import { UnitsModule } from '../units/units.module';
import { AdverseReactionsService } from './adverse-reactions.service';
import { AdverseReactionsController, DeviationsController } from './deviations.controller';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';
import { DeviationsService } from './deviations.service';

/** Quality records (DESIGN.md section 9): deviations and CAPA, adverse reactions, documents. */
@Module({
  imports: [UnitsModule],
  controllers: [DeviationsController, AdverseReactionsController, DocumentsController],
  providers: [DeviationsService, AdverseReactionsService, DocumentsService],
  exports: [DeviationsService],
})
export class QualityModule {}
