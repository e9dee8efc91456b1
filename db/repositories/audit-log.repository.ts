import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditEntryEntity } from '../entities';

export interface AuditInput {
  actorId: string;
  actorRole: string;
  action: string;
  projectId?: string | null;
  details?: Record<string, unknown>;
}

export const GENESIS = '0'.repeat(64);
/** Serializes appends across API instances so that the chain never forks. */
const AUDIT_LOCK = 727_001;

/** Keys sorted at every level, so the same entry always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function entryHash(
  prevHash: string,
  entry: {
    at: Date;
    actorId: string;
    actorRole: string;
    action: string;
    projectId: string | null;
    details: object;
  },
): string {
  // Exactly these fields, whatever else the object carries (a row read back also has id and hashes).
  const { at, actorId, actorRole, action, projectId, details } = entry;
  const body = canonical({ at: at.toISOString(), actorId, actorRole, action, projectId, details });
  return createHash('sha256').update(prevHash).update(body).digest('hex');
}

/**
 * Appends one entry to the hash-chained audit log. The API and the processes that act on their own
 * (the worker's sweep) write through this one function, so the chain has one shape.
 */
export function appendAudit(target: DataSource | EntityManager, input: AuditInput): Promise<void> {
  const run = async (tx: EntityManager) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
    const last = await tx.getRepository(AuditEntryEntity).findOne({ where: {}, order: { id: 'DESC' } });
    const prevHash = last?.hash ?? GENESIS;
    const entry = {
      at: new Date(),
      actorId: input.actorId,
      actorRole: input.actorRole,
      action: input.action,
      projectId: input.projectId ?? null,
      // As jsonb will hand it back (dates as strings, undefined dropped), or the stored entry would not
      // hash to what was written: a Date in the details once broke the chain at entry 1.
      details: JSON.parse(JSON.stringify(input.details ?? {})) as Record<string, unknown>,
    };
    await tx.getRepository(AuditEntryEntity).insert({ ...entry, prevHash, hash: entryHash(prevHash, entry) });
  };
  return 'transaction' in target && 'manager' in target
    ? target.transaction(run)
    : run(target as EntityManager);
}
