import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditEntryEntity } from '../../../db/entities';

export interface AuditInput {
  actorId: string;
  actorRole: string;
  action: string;
  projectId?: string | null;
  details?: Record<string, unknown>;
}

const GENESIS = '0'.repeat(64);
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

/** The append-only audit log, each entry chained to the one before by its SHA-256 hash. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  append(input: AuditInput, manager?: EntityManager): Promise<void> {
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
        details: input.details ?? {},
      };
      await tx
        .getRepository(AuditEntryEntity)
        .insert({ ...entry, prevHash, hash: entryHash(prevHash, entry) });
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  async trail(projectId: string) {
    const rows = await this.dataSource
      .getRepository(AuditEntryEntity)
      .find({ where: { projectId }, order: { id: 'ASC' } });
    return rows.map(({ at, actorId, actorRole, action, details }) => ({
      at,
      actorId,
      actorRole,
      action,
      details,
    }));
  }

  /** Walks the whole chain; the first entry whose hash does not follow from its predecessor breaks it. */
  async verify(): Promise<{ valid: boolean; entries: number; brokenAt?: string; reason?: string }> {
    const rows = await this.dataSource.getRepository(AuditEntryEntity).find({ order: { id: 'ASC' } });
    let prev = GENESIS;
    for (const row of rows) {
      if (row.prevHash !== prev)
        return {
          valid: false,
          entries: rows.length,
          brokenAt: row.id,
          reason: 'prev_hash does not match the previous entry',
        };
      const expected = entryHash(prev, row);
      if (row.hash !== expected)
        return {
          valid: false,
          entries: rows.length,
          brokenAt: row.id,
          reason: 'the entry was altered after it was written',
        };
      prev = row.hash;
    }
    return { valid: true, entries: rows.length };
  }
}
