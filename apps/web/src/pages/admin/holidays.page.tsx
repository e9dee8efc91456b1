import { Alert, Button, Card, Descriptions, Input, Space, Table, Tag, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useState } from 'react';
import { errorText } from '../../api/client';
import { adminApi } from './admin.api';
import type { CalendarYears, Notice, NoticeLoaded, NoticePreview, ObligationMove } from './admin.types';

type PreviewProject = NoticePreview['projects'][number];

const dates = (d: { opensOn: string | null; dueOn: string | null }) =>
  d.opensOn && d.opensOn !== d.dueOn ? `${d.opensOn} 起，${d.dueOn ?? '—'} 前` : (d.dueOn ?? '—');

/** Reads the pasted or uploaded text as a notice; the server validates it strictly, this only parses JSON. */
function parse(text: string): Notice | string {
  try {
    const value = JSON.parse(text) as Notice;
    if (typeof value?.year !== 'number') return '文件中缺少年份（year），请上传 holiday-cn 格式的节假日安排';
    return value;
  } catch {
    return '不是有效的 JSON：请上传 { "year": 2027, "days": [{ "name", "date", "isOffDay" }] } 格式的文件';
  }
}

/** A year's State Council holiday notice: preview which projects' dates it moves, then load it. */
export function HolidaysPage() {
  const [years, setYears] = useState<CalendarYears | null>(null);
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<NoticePreview | null>(null);
  const [previewed, setPreviewed] = useState<string | null>(null);
  const [loaded, setLoaded] = useState<NoticeLoaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const reload = useCallback(() => {
    adminApi.calendarYears().then(setYears, (e) => setError(errorText(e)));
  }, []);
  useEffect(reload, [reload]);

  const run = async (dryRun: boolean) => {
    const notice = parse(text);
    if (typeof notice === 'string') return setError(notice);
    setBusy(true);
    setError(null);
    try {
      if (dryRun) {
        setPreview(await adminApi.previewNotice(notice));
        setPreviewed(text);
        setLoaded(null);
      } else {
        setLoaded(await adminApi.loadNotice(notice));
        setPreview(null);
        setPreviewed(null);
        reload();
      }
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const moveColumns: ColumnsType<ObligationMove> = [
    { title: '事项', dataIndex: 'title' },
    { title: '依据', dataIndex: 'basisText' },
    { title: '原期限', key: 'before', render: (_: unknown, m) => dates(m.before) },
    {
      title: '载入后',
      key: 'after',
      render: (_: unknown, m) => <Typography.Text strong>{dates(m.after)}</Typography.Text>,
    },
  ];
  const projectColumns: ColumnsType<PreviewProject> = [
    { title: '项目名称', dataIndex: 'name' },
    { title: '项目编号', dataIndex: 'code', render: (c: string | null) => c ?? '—' },
    { title: '部门', dataIndex: 'departmentName' },
    { title: '变动事项数', key: 'count', render: (_: unknown, p) => p.obligations.length },
  ];
  const last = years?.official[years.official.length - 1];

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={
          <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
            节假日安排
          </Typography.Title>
        }
      >
        <Descriptions size="small" column={1}>
          <Descriptions.Item label="已有正式安排">
            {years ? `${years.official[0]?.year ?? '—'}–${last?.year ?? '—'} 年` : '…'}
            {years?.official
              .filter((y) => y.origin === 'loaded')
              .map((y) => (
                <Tag key={y.year} color="#0958d9" style={{ marginLeft: 8 }}>
                  {y.year}（上传）
                </Tag>
              ))}
          </Descriptions.Item>
          <Descriptions.Item label="暂定年份">
            {years
              ? `${years.provisionalFrom} 年起尚无国务院通知，仅按法定节假日计算，相关期限标注为“暂定”`
              : '…'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        title={
          <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
            上传通知
          </Typography.Title>
        }
      >
        <Typography.Paragraph type="secondary">
          选择国务院办公厅节假日安排的 JSON 文件（holiday-cn
          格式），或粘贴其内容。先预览哪些项目的期限会变动，确认后再载入。
        </Typography.Paragraph>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Upload
            accept=".json,application/json"
            maxCount={1}
            showUploadList={false}
            beforeUpload={(file) => {
              void file.text().then((t) => (setText(t), setPreview(null), setPreviewed(null)));
              return false;
            }}
          >
            <Button>选择文件</Button>
          </Upload>
          <Input.TextArea
            aria-label="节假日安排 JSON"
            rows={8}
            value={text}
            onChange={(e) => (setText(e.target.value), setPreviewed(null))}
            placeholder='{ "year": 2027, "days": [{ "name": "元旦", "date": "2027-01-01", "isOffDay": true }] }'
            style={{ fontFamily: 'monospace' }}
          />
          <Space>
            <Button
              onClick={() => void run(true)}
              loading={busy && previewed !== text}
              disabled={!text.trim()}
            >
              预览变动
            </Button>
            <Button type="primary" onClick={() => void run(false)} disabled={previewed !== text || busy}>
              确认载入
            </Button>
          </Space>
          {error && <Alert type="error" showIcon message={error} />}
          {loaded && (
            <Alert
              type="success"
              showIcon
              message={`已载入 ${loaded.year} 年节假日安排（${loaded.days} 天）`}
              description={`已通知 ${loaded.projectsSignalled} 个项目重新计算，其中 ${loaded.projectsMoved} 个项目的期限有变动。`}
            />
          )}
        </Space>
      </Card>
      {preview && (
        <Card
          title={
            <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
              预览：{preview.year} 年
            </Typography.Title>
          }
        >
          <Alert
            type={preview.projectsMoved > 0 ? 'warning' : 'info'}
            showIcon
            message={
              preview.projectsMoved > 0
                ? `载入后 ${preview.projectsMoved} 个项目的期限会变动（共检查 ${preview.projectsChecked} 个依赖该年份的项目），尚未载入`
                : `载入后没有项目的期限变动（共检查 ${preview.projectsChecked} 个项目），尚未载入`
            }
            style={{ marginBottom: 16 }}
          />
          <Table
            rowKey="id"
            columns={projectColumns}
            dataSource={preview.projects}
            pagination={{ pageSize: 20 }}
            expandable={{
              defaultExpandAllRows: true,
              expandedRowRender: (p) => (
                <Table
                  rowKey="key"
                  size="small"
                  columns={moveColumns}
                  dataSource={p.obligations}
                  pagination={false}
                />
              ),
            }}
          />
        </Card>
      )}
    </Space>
  );
}
