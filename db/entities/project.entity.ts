import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A registered project: the read model's root, written by the workflow's projection activity. */
@Entity({ name: 'projects' })
export class ProjectEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** 项目编号 as the department numbers it (set by imports); unique within the department. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  code!: string | null;

  /** `{ kind: 'import', batchId }` for an imported project: a restarted workflow keeps it. */
  @Column({ type: 'jsonb', nullable: true })
  source!: { kind: 'import'; batchId: string } | null;

  @Column({ name: 'department_id', type: 'varchar', length: 64 })
  departmentId!: string;

  @Column({ name: 'policy_id', type: 'varchar', length: 32 })
  policyId!: string;

  @Column({ name: 'policy_version', type: 'varchar', length: 16 })
  policyVersion!: string;

  /** planYear, investment, softwareDevelopment, category, plannedAcceptanceOn, registeredOn */
  @Column({ type: 'jsonb' })
  attributes!: object;

  /** active | paused | terminated | completed */
  @Column({ type: 'varchar', length: 16 })
  status!: string;

  /** Policy flags (draft, not in force on registration), shown on every view. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  flags!: unknown[];

  @Column({ name: 'workflow_id', type: 'varchar', length: 80 })
  workflowId!: string;

  @Column({ name: 'next_due_on', type: 'date', nullable: true })
  nextDueOn!: string | null;

  @Column({ name: 'overdue_count', type: 'int', default: 0 })
  overdueCount!: number;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
