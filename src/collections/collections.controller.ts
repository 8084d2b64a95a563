import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyStaff, CurrentActor, Roles } from '../auth/auth.decorators';
import type { Actor } from '../common/actor';
import { UuidParamPipe } from '../common/pipes';
import { CollectionsService } from './collections.service';
import { CollectionCreatedView, CreateCollectionDto } from './dto/collection.dto';

@ApiTags('collections')
@ApiBearerAuth()
@Controller('collections')
export class CollectionsController {
  constructor(private readonly collections: CollectionsService) {}

  @Post()
  @Roles('coordinator')
  @ApiOperation({ summary: 'Record a birth collection; creates its cord blood unit and assigns (or validates) its ISBT 128 DIN' })
  @ApiCreatedResponse({ type: CollectionCreatedView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateCollectionDto) {
    return this.collections.create(actor, dto);
  }

  @Get(':id')
  @AnyStaff()
  @ApiOperation({ summary: 'A collection with its unit' })
  get(@Param('id', new UuidParamPipe('Collection')) id: string) {
    return this.collections.get(id);
  }
}
