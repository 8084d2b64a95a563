import { Controller, Get, HttpCode } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import { DomainError } from '../common/domain-error';
import { Db } from '../database/db.service';
import { MIGRATIONS } from '../../migrations';

@ApiTags('administration')
@Controller('health')
export class HealthController {
  private migrationsChecked = false;

  constructor(private readonly db: Db) {}

  @Public()
  @Get()
  @HttpCode(200)
  @ApiOperation({ summary: 'Liveness: the process answers', description: 'For a load balancer or orchestrator: 200 while the process runs; it does not touch the database (see /health/ready).' })
  live(): { status: string } {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: database reachable, migrations applied', description: 'Send traffic only when this is 200: the database answers and every migration of this build is applied. 503 (problem+json) otherwise; it recovers by itself when the database returns.' })
  @ApiOkResponse({ schema: { example: { status: 'ready', database: 'up', migrations: 'applied' } } })
  @ApiServiceUnavailableResponse({ description: 'database unreachable or migrations missing' })
  async ready(): Promise<{ status: string; database: string; migrations: string }> {
    try {
      if (!this.migrationsChecked) {
        const rows = await this.db.query<{ name: string }>(`SELECT name FROM migrations`);
        const applied = new Set(rows.map((r) => r.name));
        const missing = MIGRATIONS.map((m) => m.name).filter((n) => !applied.has(n));
        if (missing.length) throw new DomainError('DATABASE_UNAVAILABLE', `Migrations not applied: ${missing.join(', ')}`);
        this.migrationsChecked = true;
      } else {
        await this.db.query('SELECT 1');
      }
    } catch (err) {
      if (err instanceof DomainError) throw err;
      throw new DomainError('DATABASE_UNAVAILABLE', 'The database is unreachable');
    }
    return { status: 'ready', database: 'up', migrations: 'applied' };
  }
}
