import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { AdministrationDto, FollowUpDto } from './clinical/dto/clinical.dto';
import { CreateConsentDto, CreateScreeningDto } from './donors/dto/donor.dto';
import { NotificationDto } from './lookbacks/dto/lookbacks.dto';
import { CreateAdverseReactionDto, CreateDeviationDto, UpdateAdverseReactionDto, UpdateDeviationDto } from './quality/dto/quality.dto';
import { ApproveDto, DeliverDto, OutcomeDto, ShipDto } from './release-requests/dto/release-request.dto';
import { AboTypingDto, HlaTypingDto, ProcessingDto, ReceiptDto, SterilityDto } from './units/dto/results.dto';
import { UnitCorrectionDto } from './units/dto/units.dto';
import { HandoverDto } from './custody/dto/custody.dto';
import { BODY_RULES, CLOCK_SKEW_MS, guardInput, notInFuture } from './common/input-guard';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const LATER = new Date(NOW + CLOCK_SKEW_MS + 60_000).toISOString();
const SOON = new Date(NOW + CLOCK_SKEW_MS - 60_000).toISOString();
const problems = (dto: Function, body: unknown) => guardInput(body, { ...BODY_RULES, now: NOW }, '', dto).problems;

/**
 * The services no longer check these dates themselves: the guard that every request body passes
 * through refuses them, naming the field, before any service runs. Each row is a date a service
 * used to check on its own.
 */
const PAST_EVENTS: [string, Function, (at: string) => unknown, string][] = [
  ['adverse reaction onset', CreateAdverseReactionDto, (at) => ({ onsetAt: at }), 'onsetAt'],
  ['adverse reaction received', CreateAdverseReactionDto, (at) => ({ receivedAt: at }), 'receivedAt'],
  ['adverse reaction FDA report', UpdateAdverseReactionDto, (at) => ({ fdaReport: { reportedAt: at } }), 'fdaReport.reportedAt'],
  ['deviation occurred', CreateDeviationDto, (at) => ({ occurredAt: at }), 'occurredAt'],
  ['deviation discovered', CreateDeviationDto, (at) => ({ discoveredAt: at }), 'discoveredAt'],
  ['deviation FDA report', UpdateDeviationDto, (at) => ({ fdaReport: { reportedAt: at } }), 'fdaReport.reportedAt'],
  ['directed use: physician notified', ApproveDto, (at) => ({ directedUse: { physicianNotifiedAt: at } }), 'directedUse.physicianNotifiedAt'],
  ['dispatch', ShipDto, (at) => ({ dispatchedAt: at }), 'dispatchedAt'],
  ['delivery', DeliverDto, (at) => ({ receivedAt: at }), 'receivedAt'],
  ['infusion', OutcomeDto, (at) => ({ infusedAt: at }), 'infusedAt'],
  ['administration', AdministrationDto, (at) => ({ administeredAt: at }), 'administeredAt'],
  ['follow-up', FollowUpDto, (at) => ({ assessedAt: at }), 'assessedAt'],
  ['consent signed', CreateConsentDto, (at) => ({ signedAt: at }), 'signedAt'],
  ['screening completed', CreateScreeningDto, (at) => ({ completedAt: at }), 'completedAt'],
  ['look-back notification', NotificationDto, (at) => ({ notifiedAt: at }), 'notifiedAt'],
  ['look-back acknowledgement', NotificationDto, (at) => ({ acknowledgedAt: at }), 'acknowledgedAt'],
  ['receipt at the laboratory', ReceiptDto, (at) => ({ receivedAt: at }), 'receivedAt'],
  ['processing', ProcessingDto, (at) => ({ processedAt: at }), 'processedAt'],
  ['HLA typing', HlaTypingDto, (at) => ({ typedAt: at }), 'typedAt'],
  ['ABO typing', AboTypingDto, (at) => ({ typedAt: at }), 'typedAt'],
  ['sterility result', SterilityDto, (at) => ({ resultedAt: at }), 'resultedAt'],
  ['unit correction: receipt', UnitCorrectionDto, (at) => ({ receivedAt: at }), 'receivedAt'],
  ['unit correction: processing', UnitCorrectionDto, (at) => ({ processedAt: at }), 'processedAt'],
  ['unit correction: birth', UnitCorrectionDto, (at) => ({ birthAt: at }), 'birthAt'],
  ['custody handover', HandoverDto, (at) => ({ handedOverAt: at }), 'handedOverAt'],
  ['unit correction: collection', UnitCorrectionDto, (at) => ({ collectedAt: at }), 'collectedAt'],
];

describe('DESIGN 3: a past event can not be dated in the future (the one input guard)', () => {
  it.each(PAST_EVENTS)('refuses a future %s, naming the field, and accepts one within the clock skew', (_what, dto, body, field) => {
    expect(problems(dto, body(LATER))).toContainEqual({ field, message: 'can not be in the future' });
    expect(problems(dto, body(SOON)).filter((p) => p.field === field)).toEqual([]);
  });

  it('notInFuture applies the same rule to a date one service hands another (a lab event to the donor record)', () => {
    expect(notInFuture('sampleDrawnAt', SOON, NOW).toISOString()).toBe(SOON);
    expect(() => notInFuture('sampleDrawnAt', LATER, NOW)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', extra: { errors: [{ field: 'sampleDrawnAt', message: 'can not be in the future' }] } }));
  });
});
