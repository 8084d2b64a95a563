import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsObject, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { SignatureDto, SignatureField } from '../../auth/dto/auth.dto';
import { PageQuery } from '../../common/pagination';
import { INTENDED_USES, PatientHlaDto, WeightKg, type IntendedUse } from '../../search/dto/search.dto';
import { REQUEST_STATUSES, type RequestStatus } from '../release-rules';

const Text = (example: string, max = 200) => (target: object, key: string | symbol) => {
  ApiProperty({ example })(target, key);
  IsString()(target, key);
  MinLength(1)(target, key);
  MaxLength(max)(target, key);
};

export class PatientDto {
  @Text('MRN-2026-00417', 100) identifier: string;
  @WeightKg() weightKg: number;
  @Text('acute lymphoblastic leukaemia', 500) diagnosis: string;

  @ApiPropertyOptional({ type: PatientHlaDto, description: 'required for allogeneic_transplant and clinical_trial (an unrelated unit is graded against it)' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PatientHlaDto)
  hla?: PatientHlaDto;
}

export class CreateReleaseRequestDto {
  @Text('Children\'s Hospital Transplant Centre') requestingFacility: string;
  @Text('Dr. A. Okafor') physician: string;

  @ApiProperty({ type: PatientDto })
  @IsObject()
  @ValidateNested()
  @Type(() => PatientDto)
  patient: PatientDto;

  @ApiProperty({ enum: INTENDED_USES }) @IsIn(INTENDED_USES) intendedUse: IntendedUse;

  @ApiProperty({ example: '2026-04-01', description: 'date (or date-time) by which the unit is needed' })
  @IsISO8601({ strict: true })
  neededBy: string;
}

export class ReleaseRequestQuery extends PageQuery {
  @ApiPropertyOptional({ enum: REQUEST_STATUSES }) @IsOptional() @IsIn(REQUEST_STATUSES) status?: RequestStatus;
}

export class ReserveDto {
  @ApiProperty({ example: 'W123426000001', description: 'the unit: 13-character DIN or 14 with its check character' })
  @IsString()
  @MaxLength(20)
  din: string;

  @ApiPropertyOptional({ example: 'double-unit transplant planned with a second unit', description: 'required when the dose is below 2.5 × 10^7 TNC/kg' })
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(1000)
  overrideReason?: string;
}

export const RECIPIENT_RELATIONSHIPS = ['first_degree', 'second_degree'] as const;

/**
 * Directed use of a unit whose donor was determined ineligible (21 CFR 1271.65(b)): the recipient is a
 * first- or second-degree blood relative, or there is a documented urgent medical need; and the
 * physician using the unit was notified of the testing and screening results.
 */
export class DirectedUseDto {
  @ApiPropertyOptional({ enum: RECIPIENT_RELATIONSHIPS, example: 'first_degree', description: 'the recipient is a first- or second-degree blood relative of the donor (21 CFR 1271.65(b)(1)(i)); directed_family use needs this or urgentMedicalNeed' })
  @IsOptional()
  @IsIn(RECIPIENT_RELATIONSHIPS)
  recipientRelationship?: (typeof RECIPIENT_RELATIONSHIPS)[number];

  @ApiPropertyOptional({ example: 'no other HLA-compatible unit available in time; documented by Dr. A. Okafor on 2026-03-18', description: 'the documented urgent medical need (21 CFR 1271.65(b)(1)(iii), 1271.3(u))' })
  @IsOptional()
  @IsString()
  @MinLength(10)
  @MaxLength(2000)
  urgentMedicalNeed?: string;

  @ApiProperty({ example: '2026-03-18T10:00:00Z', description: 'when the physician using the unit was notified of the results of testing and screening (21 CFR 1271.65(b)(3))' })
  @IsISO8601({ strict: true })
  physicianNotifiedAt: string;

  @ApiProperty({ example: 'Dr. A. Okafor, by phone; test results and donor records sent by secure e-mail', description: 'who was notified, and how' })
  @IsString()
  @MinLength(3)
  @MaxLength(1000)
  physicianNotification: string;
}

export class ApproveDto {
  @SignatureField(true)
  signature: SignatureDto;

  @ApiPropertyOptional({ type: DirectedUseDto, description: 'required to approve autologous or directed_family use of a unit whose donor was determined ineligible (21 CFR 1271.65(b))' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DirectedUseDto)
  directedUse?: DirectedUseDto;
}

export class ShipDto {
  @Text('ColdChain Couriers Ltd') courier: string;
  @ApiProperty({ example: '2026-03-20T08:00:00Z' }) @IsISO8601({ strict: true }) dispatchedAt: string;
  @Text('DS-0042', 100) shipperId: string;
  @Text('TL-7731', 100) temperatureLoggerId: string;
}

export class DeliverDto {
  @ApiProperty({ example: '2026-03-20T15:30:00Z' }) @IsISO8601({ strict: true }) receivedAt: string;
  @Text('N. Park, cell therapy lab') receivedBy: string;
  @ApiProperty({ example: true, description: 'the shipper temperature log was within limits on receipt' }) @IsBoolean() temperatureOk: boolean;
}

export class OutcomeDto {
  @ApiProperty({ example: '2026-03-21T10:00:00Z' }) @IsISO8601({ strict: true }) infusedAt: string;
  @ApiPropertyOptional({ example: 'infused without reaction' }) @IsOptional() @IsString() @MaxLength(2000) notes?: string;
}

export class CancelDto {
  @ApiProperty({ example: 'patient no longer a transplant candidate' }) @IsString() @MinLength(3) @MaxLength(1000) reason: string;
}

// ---- responses (OpenAPI) -----------------------------------------------------------------------

class PatientView {
  @ApiPropertyOptional({ description: 'Personal data: only for admin, coordinator and medical director (omitted for other roles)' }) identifier?: string;
  @ApiProperty({ example: 18.5 }) weightKg: number;
  @ApiPropertyOptional({ description: 'Personal data: only for admin, coordinator and medical director (omitted for other roles)' }) diagnosis?: string;
  @ApiPropertyOptional({ type: PatientHlaDto, nullable: true }) hla: PatientHlaDto | null;
}

class RequestUnitView {
  @ApiProperty({ example: 'W123426000001' }) din: string;
  @ApiProperty({ example: 'K' }) dinCheck: string;
  @ApiProperty({ example: 'reserved' }) status: string;
  @ApiProperty({ enum: ['public', 'family'] }) bankingType: string;
}

class ReservationView {
  @ApiProperty() din: string;
  @ApiProperty() reservedAt: string;
  @ApiProperty({ description: 'user id of the coordinator' }) reservedBy: string;
  @ApiProperty({ example: '5/6', nullable: true }) matchGrade: string | null;
  @ApiProperty({ description: 'graded loci that mismatch (locus, level, count, direction)', type: [Object] }) mismatches: unknown[];
  @ApiProperty({ type: [Object] }) otherMismatches: unknown[];
  @ApiProperty({ example: 7.5e7 }) tncPerKg: number;
  @ApiProperty({ example: 2.5e5, nullable: true }) cd34PerKg: number | null;
  @ApiProperty() doseWarning: boolean;
  @ApiProperty({ nullable: true }) doseOverrideReason: string | null;
}

class SignerView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

class ApprovalView {
  @ApiProperty() approvedAt: string;
  @ApiProperty({ type: SignerView }) approvedBy: SignerView;
  @ApiProperty() meaning: string;
}

class ShipmentView {
  @ApiProperty() courier: string;
  @ApiProperty() dispatchedAt: string;
  @ApiProperty() shipperId: string;
  @ApiProperty() temperatureLoggerId: string;
  @ApiProperty() shippedBy: string;
}

class DeliveryView {
  @ApiProperty() receivedAt: string;
  @ApiProperty() receivedBy: string;
  @ApiProperty() temperatureOk: boolean;
}

class OutcomeView {
  @ApiProperty() infusedAt: string;
  @ApiProperty({ nullable: true }) notes: string | null;
}

class CancellationView {
  @ApiProperty() cancelledAt: string;
  @ApiProperty() reason: string;
  @ApiProperty({ enum: ['submitted', 'reserved', 'approved'] }) fromStatus: string;
}

class HistoryActorView {
  @ApiProperty({ enum: ['user', 'integration', 'system'] }) type: string;
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true }) name: string | null;
}

class HistoryEntryView {
  @ApiProperty() seq: number;
  @ApiProperty() at: string;
  @ApiProperty({ example: 'release_request.approved' }) action: string;
  @ApiProperty({ type: HistoryActorView }) actor: HistoryActorView;
  @ApiProperty({ nullable: true }) reason: string | null;
  @ApiProperty({ nullable: true, type: Object, description: 'signer, meaning and time when e-signed (21 CFR Part 11.200)' }) signature: unknown;
  @ApiProperty({ nullable: true, type: Object }) before: unknown;
  @ApiProperty({ nullable: true, type: Object }) after: unknown;
}

export class ReleaseRequestView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'RR000042' }) requestNumber: string;
  @ApiProperty({ enum: REQUEST_STATUSES }) status: string;
  @ApiProperty({ example: ['approve', 'cancel'], description: 'the routes that may be called next' }) allowedActions: string[];
  @ApiProperty() requestingFacility: string;
  @ApiProperty() physician: string;
  @ApiProperty({ type: PatientView }) patient: PatientView;
  @ApiProperty({ enum: INTENDED_USES }) intendedUse: string;
  @ApiProperty() neededBy: string;
  @ApiProperty({ description: 'user id of the coordinator' }) submittedBy: string;
  @ApiProperty() submittedAt: string;
  @ApiProperty({ nullable: true }) din: string | null;
  @ApiProperty({ type: RequestUnitView, nullable: true }) unit: RequestUnitView | null;
  @ApiProperty({ type: ReservationView, nullable: true }) reservation: ReservationView | null;
  @ApiProperty({ type: ApprovalView, nullable: true }) approval: ApprovalView | null;
  @ApiProperty({ type: ShipmentView, nullable: true }) shipment: ShipmentView | null;
  @ApiProperty({ type: DeliveryView, nullable: true }) delivery: DeliveryView | null;
  @ApiProperty({ type: OutcomeView, nullable: true }) outcome: OutcomeView | null;
  @ApiProperty({ type: CancellationView, nullable: true }) cancellation: CancellationView | null;
  @ApiProperty() updatedAt: string;
  @ApiPropertyOptional({ type: [HistoryEntryView], description: "the request's audit chain, oldest first (single request and action answers)" }) history?: HistoryEntryView[];
}

export class ReleaseRequestPage {
  @ApiProperty({ type: [ReleaseRequestView] }) items: ReleaseRequestView[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}
