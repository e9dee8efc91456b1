import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One host, host:port, address or network departments' webhooks may reach although it is internal. */
@Entity({ name: 'webhook_allowlist' })
export class WebhookAllowEntity {
  @PrimaryColumn({ type: 'varchar', length: 300 })
  entry!: string;

  @Column({ name: 'added_by', type: 'varchar', length: 64 })
  addedBy!: string;

  @Column({ name: 'added_at', type: 'timestamptz', default: () => 'now()' })
  addedAt!: Date;
}
