import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditEntryEntity } from '../../../db/entities';
import {
  appendAudit,
  entryHash,
  GENESIS,
  type AuditInput,
} from '../../../db/repositories/audit-log.repository';

export type { AuditInput };

/** The append-only audit log, each entry chained to the one before by its SHA-256 hash. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  append(input: AuditInput, manager?: EntityManager): Promise<void> {
    return appendAudit(manager ?? this.dataSource, input);
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
