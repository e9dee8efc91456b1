import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Every fact a project's workflow accepted, with who recorded it and the idempotency key it came with. */
@Entity({ name: 'facts' })
@Index('facts_project_key', ['projectId', 'idempotencyKey'], { unique: true })
export class FactEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'project_id', type: 'varchar', length: 64 })
  projectId!: string;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 200 })
  idempotencyKey!: string;

  /** Position in the project's fact list: the engine's event index. */
  @Column({ name: 'event_index', type: 'int' })
  eventIndex!: number;

  @Column({ type: 'varchar', length: 64 })
  type!: string;

  @Column({ name: 'occurred_on', type: 'date' })
  occurredOn!: string;

  @Column({ type: 'jsonb' })
  payload!: object;

  @Column({ name: 'actor_id', type: 'varchar', length: 64 })
  actorId!: string;

  @Column({ name: 'actor_role', type: 'varchar', length: 16 })
  actorRole!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
