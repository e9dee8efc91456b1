import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One obligation of one project as last evaluated: what bureau operators filter and sort. */
@Entity({ name: 'obligations' })
export class ObligationEntity {
  @PrimaryColumn({ name: 'project_id', type: 'varchar', length: 64 })
  projectId!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  key!: string;

  /** The project's department, policy and name, copied so the oversight lists need no join. */
  @Column({ name: 'department_id', type: 'varchar', length: 64 })
  departmentId!: string;

  @Column({ name: 'policy_id', type: 'varchar', length: 32 })
  policyId!: string;

  @Column({ name: 'project_name', type: 'varchar', length: 200 })
  projectName!: string;

  @Column({ type: 'varchar', length: 100 })
  title!: string;

  @Column({ name: 'opens_on', type: 'date', nullable: true })
  opensOn!: string | null;

  @Column({ name: 'due_on', type: 'date', nullable: true })
  dueOn!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ type: 'boolean' })
  provisional!: boolean;

  @Column({ type: 'varchar', length: 64 })
  basis!: string;

  @Column({ name: 'met_on', type: 'date', nullable: true })
  metOn!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  extended!: object | null;

  @Column({ type: 'jsonb', nullable: true })
  suspended!: object | null;

  @Column({ type: 'jsonb' })
  explanation!: object;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
