import pg from 'pg';
import { QueryFailedError } from 'typeorm';
import { DatabaseUnavailableError, isDatabaseUnavailable, markingDriver } from './unavailable';

const failed = (driverError: Error) => new QueryFailedError('SELECT 1', [], driverError);
const serverError = (code: string) => Object.assign(new pg.DatabaseError('x', 0, 'error'), { code });

it('counts connection and shutdown classes as unavailable, not a wrong request', () => {
  expect(isDatabaseUnavailable(failed(serverError('57P01')))).toBe(true);
  expect(isDatabaseUnavailable(failed(serverError('08006')))).toBe(true);
  expect(isDatabaseUnavailable(failed(serverError('57014')))).toBe(true);
  expect(isDatabaseUnavailable(failed(serverError('23505')))).toBe(false);
  expect(isDatabaseUnavailable(failed(serverError('42P01')))).toBe(false);
});

it('counts a query that got no server answer, and a pool that gave no connection', () => {
  expect(isDatabaseUnavailable(failed(new Error('Connection terminated unexpectedly')))).toBe(true);
  expect(isDatabaseUnavailable(new DatabaseUnavailableError(new Error('timeout')))).toBe(true);
  expect(isDatabaseUnavailable(new Error('anything else'))).toBe(false);
});

it('marks a refused connection from the pool, by type', async () => {
  const pool = new markingDriver.Pool({
    connectionString: 'postgres://nobody:x@127.0.0.1:1/none',
    connectionTimeoutMillis: 500,
  });
  await expect(pool.connect()).rejects.toBeInstanceOf(DatabaseUnavailableError);
  const viaCallback = await new Promise((resolve) => pool.connect((err) => resolve(err)));
  expect(viaCallback).toBeInstanceOf(DatabaseUnavailableError);
  await pool.end();
});
