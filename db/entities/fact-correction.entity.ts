import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A correction of a recorded fact: asked, then applied or refused (see the migration). */
@Entity({ name: 'fact_corrections' })
export class FactCorrectionEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'project_id', type: 'varchar', length: 64 })
  projectId!: string;

  @Column({ name: 'department_id', type: 'varchar', length: 64 })
  departmentId!: string;

  @Column({ name: 'fact_key', type: 'varchar', length: 200 })
  factKey!: string;

  /** The fact's index when the correction was asked for. */
  @Column({ name: 'fact_index', type: 'int' })
  factIndex!: number;

  /** date | withdraw */
  @Column({ type: 'varchar', length: 16 })
  kind!: 'date' | 'withdraw';

  @Column({ name: 'corrected_on', type: 'date', nullable: true })
  correctedOn!: string | null;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'jsonb' })
  before!: object;

  /** null for a withdrawal. */
  @Column({ type: 'jsonb', nullable: true })
  after!: object | null;

  /** pending | applied | refused */
  @Column({ type: 'varchar', length: 16 })
  status!: 'pending' | 'applied' | 'refused';

  @Column({ name: 'requested_by', type: 'varchar', length: 64 })
  requestedBy!: string;

  @Column({ name: 'requested_role', type: 'varchar', length: 16 })
  requestedRole!: string;

  @Column({ name: 'requested_at', type: 'timestamptz', default: () => 'now()' })
  requestedAt!: Date;

  @Column({ name: 'decided_by', type: 'varchar', length: 64, nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason!: string | null;
}
