/** The API process: `DATABASE_URL=… TEMPORAL_ADDRESS=… JWT_SECRET=… node dist/apps/api/main.js`. */
import { createApp } from './app';
import { ConfigError, loadApiConfig } from './config/api-config';

async function main(): Promise<void> {
  const config = loadApiConfig();
  const app = await createApp(config);
  await app.listen(config.port);
  console.log(`api: listening on http://localhost:${config.port} (OpenAPI at /docs)`);
}

main().catch((error) => {
  console.error(
    error instanceof ConfigError ? error.message : `api failed to start: ${(error as Error).message}`,
  );
  process.exit(1);
});
