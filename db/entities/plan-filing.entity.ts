import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A department's annual plan filed for a plan year under a regulation with a plan-filing rule. */
@Entity({ name: 'plan_filings' })
export class PlanFilingEntity {
  @PrimaryColumn({ name: 'department_id', type: 'varchar', length: 64 })
  departmentId!: string;

  @PrimaryColumn({ name: 'policy_id', type: 'varchar', length: 32 })
  policyId!: string;

  @PrimaryColumn({ name: 'plan_year', type: 'int' })
  planYear!: number;

  @Column({ name: 'filed_on', type: 'date' })
  filedOn!: string;

  @Column({ name: 'filed_by', type: 'varchar', length: 64 })
  filedBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
