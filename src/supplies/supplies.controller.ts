import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AnyStaff, CurrentActor, Roles } from '../auth/auth.decorators';
import type { Actor } from '../common/actor';
import { DinPipe } from '../common/din.pipe';
import { PageQuery } from '../common/pagination';
import { UuidParamPipe } from '../common/pipes';
import { Db } from '../database/db.service';
import { notFound } from '../common/domain-error';
import {
  CreateEquipmentDto, CreateSupplyExceptionDto, CreateSupplyLotDto, EquipmentOutOfServiceDto, EquipmentQuery, EquipmentReturnToServiceDto, EquipmentServiceDto, SupplyLotQcDto, SupplyLotsQuery,
} from './dto/supplies.dto';
import { SuppliesService } from './supplies.service';

const LOT_PARAM = { name: 'id', description: 'supply lot id (uuid)', example: '3b0c1f9e-3f57-4a43-a1b9-6b4e44c7f0d2' };
const EQUIPMENT_PARAM = { name: 'id', description: 'equipment id (uuid)', example: '0e7c5b8a-1d2f-4c3b-9a8e-7f6d5c4b3a21' };
const EXCEPTION_PARAM = { name: 'id', description: 'QA exception id (uuid)', example: '9b5e2f1c-7a44-4d1e-8c2b-3f6a9d0e1b7c' };

@ApiTags('quality')
@ApiBearerAuth()
@Controller()
export class SuppliesController {
  constructor(
    private readonly supplies: SuppliesService,
    private readonly db: Db,
  ) {}

  @Post('supplies/lots')
  @Roles('lab_technician')
  @ApiOperation({ summary: 'Record a supply lot on receipt', description: 'A lot of collection bags, anticoagulant, cryoprotectant (DMSO), hetastarch, reagent or freezing bags (21 CFR 1271.210): manufacturer, lot number, expiry, day received. It starts QC `pending`: collections and processing may name it once QA accepted it.' })
  @ApiCreatedResponse({ description: 'the lot, QC pending' })
  createLot(@CurrentActor() actor: Actor, @Body() dto: CreateSupplyLotDto) {
    return this.supplies.createLot(actor, dto);
  }

  @Get('supplies/lots')
  @AnyStaff()
  @ApiOperation({ summary: 'Supply lots', description: 'By expiry date; filters by type, QC status, lot number, expiry on or before a date, and usable today (QC accepted and not expired).' })
  @ApiOkResponse({ description: 'a page of lots' })
  listLots(@Query() q: SupplyLotsQuery) {
    return this.supplies.listLots(q);
  }

  @Get('supplies/lots/:id')
  @AnyStaff()
  @ApiParam(LOT_PARAM)
  @ApiOperation({ summary: 'One supply lot', description: 'The lot with its QC decision (who, when, note), whether it is usable today and how many units used it.' })
  @ApiOkResponse({ description: 'the lot' })
  getLot(@Param('id', new UuidParamPipe('Supply lot')) id: string) {
    return this.supplies.getLot(id);
  }

  @Post('supplies/lots/:id/qc')
  @Roles('quality_assurance')
  @HttpCode(200)
  @ApiParam(LOT_PARAM)
  @ApiOperation({ summary: 'QA accepts or rejects a supply lot (QC)', description: 'The QC decision once per lot (21 CFR 1271.210(a): not used until verified to meet its specification): accepted lots may be used, rejected ones never (409 when already decided). Audited on the lot’s chain `supply_lot:<id>`.' })
  @ApiOkResponse({ description: 'the lot with its decision' })
  decideQc(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe('Supply lot')) id: string, @Body() dto: SupplyLotQcDto) {
    return this.supplies.decideQc(actor, id, dto);
  }

  @Get('supplies/lots/:id/units')
  @AnyStaff()
  @ApiParam(LOT_PARAM)
  @ApiOperation({ summary: 'Which units used this lot', description: 'Every unit whose collection or processing used the lot (21 CFR 1271.290 tracking), with its status, the stage and time of use and the QA exception it was used under, if any. One indexed query; a look-back over the lot (POST /lookbacks) holds them.' })
  @ApiOkResponse({ description: 'the lot and a page of its units' })
  unitsOfLot(@Param('id', new UuidParamPipe('Supply lot')) id: string, @Query() q: PageQuery) {
    return this.supplies.unitsOfLot(id, q);
  }

  @Post('supplies/exceptions')
  @Roles('quality_assurance')
  @ApiOperation({ summary: 'QA records an exception for a lot or equipment', description: 'Allows the use of one lot (expired or not QC-accepted) or one piece of equipment (past its calibration or maintenance due date), optionally for one unit only, until `validUntil` (at most 30 days), with the reason. A collection or processing names it in `exceptionIds`; the link records which exception it was used under.' })
  @ApiCreatedResponse({ description: 'the exception' })
  createException(@CurrentActor() actor: Actor, @Body() dto: CreateSupplyExceptionDto) {
    return this.supplies.createException(actor, dto);
  }

  @Get('supplies/exceptions')
  @AnyStaff()
  @ApiOperation({ summary: 'QA exceptions for supplies and equipment', description: 'Newest first, each with its lot or equipment, unit, reason, validity and the QA person who granted it.' })
  @ApiOkResponse({ description: 'a page of exceptions' })
  listExceptions(@Query() q: PageQuery) {
    return this.supplies.listExceptions(q);
  }

  @Get('supplies/exceptions/:id')
  @AnyStaff()
  @ApiParam(EXCEPTION_PARAM)
  @ApiOperation({ summary: 'One QA exception', description: 'The exception with its subject (lot or equipment), unit, reason, validity and who granted it.' })
  @ApiOkResponse({ description: 'the exception' })
  getException(@Param('id', new UuidParamPipe('Supply exception')) id: string) {
    return this.supplies.getException(id);
  }

  @Post('equipment')
  @Roles('lab_technician')
  @ApiOperation({ summary: 'Record a piece of equipment', description: 'Processing and testing equipment (21 CFR 1271.200): type, name, serial number, location and its calibration and/or maintenance due dates. Equipment past a due date is refused by collections and processing (422) unless QA records an exception.' })
  @ApiCreatedResponse({ description: 'the equipment' })
  createEquipment(@CurrentActor() actor: Actor, @Body() dto: CreateEquipmentDto) {
    return this.supplies.createEquipment(actor, dto);
  }

  @Get('equipment')
  @AnyStaff()
  @ApiOperation({ summary: 'Equipment with its due dates', description: 'By next due date; filters by type, by a calibration or maintenance due on or before a date (the planning list), and by state: in service, out of service, due soon (within dueWithinDays, default 30) or overdue.' })
  @ApiOkResponse({ description: 'a page of equipment' })
  listEquipment(@Query() q: EquipmentQuery) {
    return this.supplies.listEquipment(q);
  }

  @Get('equipment/:id')
  @AnyStaff()
  @ApiParam(EQUIPMENT_PARAM)
  @ApiOperation({ summary: 'One piece of equipment with its calibrations and maintenance', description: 'The equipment, whether it is usable today, whether it is out of service (since, why, by whom), every calibration and maintenance recorded (newest first), its out-of-service history, and how many units used it since its last calibration.' })
  @ApiOkResponse({ description: 'the equipment' })
  getEquipment(@Param('id', new UuidParamPipe('Equipment')) id: string) {
    return this.supplies.getEquipment(id);
  }

  @Post('equipment/:id/services')
  @Roles('lab_technician')
  @ApiParam(EQUIPMENT_PARAM)
  @ApiOperation({ summary: 'Record a calibration or maintenance', description: 'Kept with who performed it, the certificate and the next due date, which becomes the equipment’s due date of that kind (21 CFR 1271.200(c)); audited on the equipment’s chain `equipment:<id>`.' })
  @ApiCreatedResponse({ description: 'the equipment with its new due date' })
  recordService(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe('Equipment')) id: string, @Body() dto: EquipmentServiceDto) {
    return this.supplies.recordService(actor, id, dto);
  }

  @Post('equipment/:id/out-of-service')
  @Roles('quality_assurance')
  @HttpCode(200)
  @ApiParam(EQUIPMENT_PARAM)
  @ApiOperation({
    summary: 'QA takes equipment out of service',
    description: 'With the reason (21 CFR 1271.200(a)); from then on a collection or processing that names it is refused (422; the database refuses it on any path). Audited on `equipment:<id>`. The answer counts the units that used it since its last calibration (`sinceLastCalibration`): `POST /lookbacks {trigger: {type: "equipment", equipmentId}}` finds and holds them in one act. 409 when it is already out of service.',
  })
  @ApiOkResponse({ description: 'the equipment, out of service' })
  takeOutOfService(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe('Equipment')) id: string, @Body() dto: EquipmentOutOfServiceDto) {
    return this.supplies.takeOutOfService(actor, id, dto);
  }

  @Post('equipment/:id/return-to-service')
  @Roles('quality_assurance')
  @HttpCode(200)
  @ApiParam(EQUIPMENT_PARAM)
  @ApiOperation({
    summary: 'QA returns equipment to service',
    description: 'Only with a calibration or maintenance performed since it was taken out of service (21 CFR 1271.200(c), (d)): recorded with this act (`services`, each moving its due date) or before it (`serviceIds`), and with no due date left in the past (422 otherwise; the database refuses it too). Audited on `equipment:<id>` with the reason.',
  })
  @ApiOkResponse({ description: 'the equipment, in service with its new due dates' })
  returnToService(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe('Equipment')) id: string, @Body() dto: EquipmentReturnToServiceDto) {
    return this.supplies.returnToService(actor, id, dto);
  }

  @Get('units/:din/supplies')
  @AnyStaff()
  @ApiParam({ name: 'din', description: '13-character DIN or 14 with check character', example: 'W123426000042' })
  @ApiOperation({ summary: 'The supply lots and equipment a unit used', description: 'Each lot and piece of equipment its collection and processing named, with the stage, time of use and QA exception (21 CFR 1271.290 tracking).' })
  @ApiOkResponse({ description: 'lots and equipment' })
  async usedBy(@Param('din', DinPipe) din: string) {
    if (!(await this.db.one(`SELECT 1 FROM cord_blood_units WHERE din = $1`, [din]))) throw notFound('Unit', din);
    return { din, ...(await this.supplies.usedBy(this.db, din)) };
  }
}
