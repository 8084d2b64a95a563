import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RuntimeSettings } from '../config/runtime';
import { dataSourceOptions } from './data-source';
import { Db } from './db.service';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [RuntimeSettings],
      useFactory: (s: RuntimeSettings) => ({
        ...dataSourceOptions({
          url: s.appDatabaseUrl,
          appRole: s.appRole,
          poolSize: s.config.DATABASE_POOL_SIZE,
          connectTimeoutMs: s.config.DATABASE_CONNECT_TIMEOUT_MS,
          poolWaitMs: s.config.DATABASE_POOL_WAIT_MS,
          statementTimeoutMs: s.config.DATABASE_STATEMENT_TIMEOUT_MS,
        }),
        autoLoadEntities: true,
        // start even while the database is down: readiness says 503 until it returns
        retryAttempts: 0,
        manualInitialization: false,
      }),
    }),
  ],
  providers: [Db],
  exports: [Db],
})
export class DatabaseModule {}
