import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { Dispatcher, DispatcherOptions } from './dispatcher';

/** Runs the dispatcher every `intervalMs` until stopped; a failed pass is logged and the next one runs. */
export function startDispatcherLoop(
  dataSource: DataSource,
  options: DispatcherOptions & { intervalMs?: number },
) {
  const logger = new Logger('Dispatcher');
  const dispatcher = new Dispatcher(dataSource, options);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();
  const tick = () => {
    current = dispatcher
      .runOnce()
      .catch((error: Error) => logger.error(`dispatch pass failed: ${error.message}`))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.intervalMs ?? 5_000);
      });
  };
  tick();
  return {
    dispatcher,
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
      options.email?.close();
    },
  };
}
