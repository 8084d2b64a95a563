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
  @ApiOperation({ summary: 'Record a birth collection; creates its cord blood unit', description: 'Assigns the next ISBT 128 DIN (facility + year + sequence, with its ISO 7064 Mod 37-2 check character), or takes the DIN pre-printed on the kit (`din`, checked; it must carry this bank\'s facility id). The unit starts as `collected`.' })
  @ApiCreatedResponse({ type: CollectionCreatedView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateCollectionDto) {
    return this.collections.create(actor, dto);
  }

  @Get(':id')
  @AnyStaff()
  @ApiOperation({ summary: 'A collection with its unit', description: 'The birth record (hospital, collector, birth and collection times, delivery, gestational age, method, kit lot, volumes) and the unit it created.' })
  get(@Param('id', new UuidParamPipe('Collection')) id: string) {
    return this.collections.get(id);
  }
}
