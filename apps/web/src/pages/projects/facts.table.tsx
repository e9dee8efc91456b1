import { Button, Space, Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { factTitle } from './project-actions';
import type { Fact } from './projects.types';
import { formatDateTime } from '../../components/format';
import { toneOf } from './tag-tone';

const ROLE_TITLES: Record<string, string> = {
  department: '部门',
  operator: '局经办人员',
  admin: '系统管理员',
  system: '系统',
};

/** The recorded facts: what, when it happened, who recorded it and when (补录 shown), corrections asked. */
export function FactsTable({
  facts,
  titles,
  onCorrect,
}: {
  facts: Fact[];
  titles: Record<string, string>;
  onCorrect: ((fact: Fact) => void) | null;
}) {
  const columns: ColumnsType<Fact> = [
    { title: '序号', dataIndex: 'index', width: 64, render: (i: number) => i + 1 },
    {
      title: '事项',
      dataIndex: 'type',
      render: (type: string, f) => (
        <Space size={4} wrap>
          <span>{factTitle(titles, type)}</span>
          {typeof f.payload.year === 'number' && <span>（{f.payload.year} 年度）</span>}
          {f.history.corrections.some((c) => c.status === 'applied') && (
            <Tooltip title={`原登记日期 ${String(f.history.original.on ?? '')}`}>
              <Tag color="purple" style={toneOf('purple')}>
                已更正
              </Tag>
            </Tooltip>
          )}
          {f.history.corrections.some((c) => c.status === 'pending') && (
            <Tag color="gold" style={toneOf('gold')}>
              更正待审批
            </Tag>
          )}
        </Space>
      ),
    },
    { title: '发生日期', dataIndex: 'on' },
    {
      title: '登记人',
      dataIndex: 'actorName',
      render: (name: string, f) => `${name}（${ROLE_TITLES[f.actorRole] ?? f.actorRole}）`,
    },
    {
      title: '登记时间',
      dataIndex: 'recordedAt',
      render: (at: string, f) => (
        <Space size={4} wrap>
          <span>{formatDateTime(at)}</span>
          {f.daysRecordedLate !== null && (
            <Tag color="orange" style={toneOf('orange')}>
              补录：晚 {f.daysRecordedLate} 天登记
            </Tag>
          )}
        </Space>
      ),
    },
    ...(onCorrect
      ? [
          {
            title: '操作',
            key: 'actions',
            render: (_: unknown, f: Fact) => (
              <Button
                size="small"
                onClick={() => onCorrect(f)}
                aria-label={`申请更正第 ${f.index + 1} 条事实：${factTitle(titles, f.type)}`}
              >
                申请更正
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <Table<Fact>
      rowKey="index"
      size="small"
      columns={columns}
      dataSource={facts}
      pagination={false}
      locale={{ emptyText: '尚未登记事实' }}
    />
  );
}
