import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { connectionOptions, dataConverter } from '../../../temporal/temporal-config';
import { API_CONFIG, ApiConfig } from '../config/api-config';
import { apiChannelArgs, apiInterceptors } from './temporal-deadlines';

export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');

@Injectable()
class TemporalConnectionCloser implements OnApplicationShutdown {
  constructor(@Inject(TEMPORAL_CLIENT) private readonly client: Client) {}
  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
  }
}

/** One Temporal client for the whole API. */
@Global()
@Module({
  providers: [
    {
      provide: TEMPORAL_CLIENT,
      inject: [API_CONFIG],
      useFactory: async (config: ApiConfig) => {
        const converter = config.temporal ? dataConverter(config.temporal, 'client') : undefined;
        return new Client({
          connection: await Connection.connect({
            ...(config.temporal ? connectionOptions(config.temporal) : { address: config.temporalAddress }),
            // No call may hang: every one gets a deadline, and retries stop after a short budget.
            interceptors: apiInterceptors,
            channelArgs: apiChannelArgs,
          }),
          namespace: config.namespace,
          ...(converter ? { dataConverter: converter } : {}),
        });
      },
    },
    TemporalConnectionCloser,
  ],
  exports: [TEMPORAL_CLIENT],
})
export class TemporalModule {}
