import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A State Council holiday notice an administrator loaded at run time; wins over the shipped data. */
@Entity({ name: 'calendar_years' })
export class CalendarYearEntity {
  @PrimaryColumn({ type: 'int' })
  year!: number;

  /** The validated notice in the holiday-cn shape. */
  @Column({ type: 'jsonb' })
  notice!: { year: number; days: { name: string; date: string; isOffDay: boolean }[]; source?: string };

  @Column({ type: 'varchar', length: 200 })
  source!: string;

  @Column({ name: 'loaded_by', type: 'varchar', length: 64 })
  loadedBy!: string;

  @Column({ name: 'loaded_at', type: 'timestamptz', default: () => 'now()' })
  loadedAt!: Date;
}
