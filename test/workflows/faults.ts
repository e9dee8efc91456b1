/** Real PostgreSQL errors for one project's rows, raised by a trigger, to make its activities fail. */
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** Every write of `projectId`'s rows in `table` fails with `sqlState` until `remove()`. */
export async function injectFault(
  dataSource: DataSource,
  projectId: string,
  sqlState: string,
  table: 'projects' | 'notifications' = 'projects',
) {
  const column = table === 'projects' ? 'id' : 'project_id';
  const name = `test_fault_${randomBytes(4).toString('hex')}`;
  await dataSource.query(`
    CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.${column} = '${projectId}' THEN RAISE EXCEPTION 'injected fault' USING ERRCODE = '${sqlState}'; END IF;
      RETURN NEW;
    END $$`);
  await dataSource.query(
    `CREATE TRIGGER ${name} BEFORE INSERT OR UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${name}()`,
  );
  return {
    async remove() {
      await dataSource.query(`DROP TRIGGER IF EXISTS ${name} ON ${table}`);
      await dataSource.query(`DROP FUNCTION IF EXISTS ${name}()`);
    },
  };
}

/** Workflows answer queries before their activities land: probe until `probe` gives a value. */
export async function eventually<T>(probe: () => Promise<T | null | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}
