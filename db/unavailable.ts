import pg from 'pg';
import { QueryFailedError } from 'typeorm';

/**
 * PostgreSQL could not be reached: no connection could be had from the pool (refused, timed out,
 * authentication failed, pool exhausted past its wait). Nothing was read or written.
 */
export class DatabaseUnavailableError extends Error {
  constructor(override readonly cause: unknown) {
    super(`database unavailable: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'DatabaseUnavailableError';
  }
}

/**
 * Server answers that mean "not now" rather than "this request is wrong": class 08 (connection
 * exception), 57P01–57P03 (shutdown, crash, cannot connect now), 57014 (our statement_timeout),
 * 53300 (too many connections).
 */
const UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '57014', '53300']);

/** Whether a failure means the database is unavailable, decided by the error's type and SQLSTATE. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  if (!(error instanceof QueryFailedError)) return false;
  const driverError: unknown = error.driverError;
  // The server answered with an error: only the connection and shutdown classes count.
  if (driverError instanceof pg.DatabaseError) {
    const code = driverError.code ?? '';
    return code.startsWith('08') || UNAVAILABLE_CODES.has(code);
  }
  // No server answer at all (socket closed, query_timeout, client not queryable): the link failed.
  return true;
}

type ConnectCallback = (
  err: Error | undefined,
  client: pg.PoolClient | undefined,
  done: (release?: unknown) => void,
) => void;

/**
 * The pool marks every failure to hand out a connection as DatabaseUnavailableError. pg reports
 * them as plain Errors (the pool's wait timeout carries no code at all), so the type has to be
 * given where the failure happens; TypeORM takes this module in place of `pg` (its `driver` option).
 */
class MarkingPool extends pg.Pool {
  // pg-pool's connect takes a callback (TypeORM's way) or returns a promise.
  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    if (!callback)
      return super.connect().catch((err: unknown) => {
        throw new DatabaseUnavailableError(err);
      });
    super.connect((err, client, done) =>
      callback(err ? new DatabaseUnavailableError(err) : err, client, done),
    );
  }
}

/** `pg` with the marking pool; everything else (types, defaults, Client) is pg's own. */
export const markingDriver: typeof pg = Object.assign(Object.create(pg) as typeof pg, { Pool: MarkingPool });
