export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __stopPostgres?: () => Promise<void> }).__stopPostgres?.();
}
