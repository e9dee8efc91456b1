import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A workflow step that failed past its retries and waits for an administrator's retry. */
@Entity({ name: 'incidents' })
export class IncidentEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'workflow_id', type: 'varchar', length: 200 })
  workflowId!: string;

  @Column({ name: 'project_id', type: 'varchar', length: 64, nullable: true })
  projectId!: string | null;

  @Column({ name: 'department_id', type: 'varchar', length: 64, nullable: true })
  departmentId!: string | null;

  /** The project's name, or the plan-filing cycle's. */
  @Column({ type: 'varchar', length: 300 })
  subject!: string;

  /** registration | wake-up | calendar | projection | plan-cycle */
  @Column({ type: 'varchar', length: 32 })
  step!: string;

  @Column({ name: 'error_type', type: 'varchar', length: 100 })
  errorType!: string;

  @Column({ type: 'text' })
  error!: string;

  @Column({ type: 'int' })
  attempts!: number;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @Column({ name: 'resolved_by', type: 'varchar', length: 64, nullable: true })
  resolvedBy!: string | null;
}
