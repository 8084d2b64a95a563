import { Module } from '@nestjs/common';
import { registerConstraintMessages } from '../common/database-errors';
import { ReleaseRequestsModule } from '../release-requests/release-requests.module';
import { UnitsModule } from '../units/units.module';
import { ClinicalController, OutcomesController, ReferenceController } from './clinical.controller';
import { ClinicalService } from './clinical.service';
import { OutcomesService } from './outcomes.service';
import { ReferenceService } from './reference.service';

registerConstraintMessages({
  clinical_administrations_request_key: 'The administration of this request is already recorded; correct it with PATCH',
  clinical_follow_ups_visit_key: 'This follow-up visit is already recorded; correct its measurements with PATCH',
  clinical_measurements_visit_measure_key: 'This measure is already recorded for the visit',
  clinical_protocols_identifier_key: 'A protocol with this identifier already exists',
  clinical_routes_pkey: 'A route with this code already exists',
  clinical_cell_types_pkey: 'A cell type with this code already exists',
  clinical_dose_bands_pkey: 'A dose band with this code already exists',
  outcome_measures_pkey: 'A measure with this code already exists',
});

/**
 * Clinical use and outcomes (issue 17): what was given on a release request, the follow-up after it,
 * and what the outcomes teach. The infusion itself is the release requests feature's
 * (ReleaseRequestsService.completeInTx); this module writes only its own tables, whose rows the
 * database chains on the request's audit chain, and reads the request and unit.
 */
@Module({
  imports: [UnitsModule, ReleaseRequestsModule],
  controllers: [ClinicalController, OutcomesController, ReferenceController],
  providers: [ClinicalService, OutcomesService, ReferenceService],
})
export class ClinicalModule {}
