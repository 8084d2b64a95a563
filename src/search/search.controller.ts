import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { ApiErrors } from '../docs/manual';
import { SearchResultView, SearchUnitsDto } from './dto/search.dto';
import { SearchService } from './search.service';

@ApiTags('search and release')
@ApiBearerAuth()
@Controller('search')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  @Post('units')
  @HttpCode(200)
  @Roles('coordinator', 'medical_director')
  @ApiOkResponse({ type: SearchResultView })
  @ApiErrors({ omit: [409] })
  @ApiOperation({
    summary: 'Available units for a patient, ranked by HLA match grade (A, B antigen; DRB1 allele), then TNC/kg',
    description:
      'Only units whose release is allowed now (available, not reserved, no unreviewed excursion). Mismatches per locus are the larger of the ' +
      'graft-versus-host and host-versus-graft counts; each hit names the mismatched loci and the direction. A dose warning is set below ' +
      '2.5 × 10^7 TNC/kg. Family units appear only in autologous or directed_family searches with their donorId.',
  })
  units(@Body() dto: SearchUnitsDto): Promise<SearchResultView> {
    return this.search.search(dto);
  }
}
