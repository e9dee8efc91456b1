import { Alert, Button, Card, Space, Statistic, Table, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { errorText } from '../../api/client';
import { adminApi } from './admin.api';
import type { ImportProblem, ImportResult } from './admin.types';

const columns: ColumnsType<ImportProblem> = [
  { title: '行', dataIndex: 'row', width: 80, sorter: (a, b) => a.row - b.row, defaultSortOrder: 'ascend' },
  { title: '列', dataIndex: 'column', width: 180 },
  { title: '问题', dataIndex: 'problem' },
];

/** Projects already under way, from the template: a dry run lists every problem by row and column, then commit. */
export function ImportsPage() {
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<ImportResult | null>(null);
  const [committed, setCommitted] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const result = await adminApi.importFile(file, dryRun);
      setChecked(dryRun ? result : null);
      setCommitted(dryRun ? null : result);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const shown = committed ?? checked;
  const accepted = checked ? checked.rows - checked.refused : 0;

  return (
    <Card
      title={
        <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
          导入项目
        </Typography.Title>
      }
    >
      <Typography.Paragraph type="secondary">
        下载模板，按“说明”页填写在建项目及已发生的事项，上传后先检查；检查无误的行再正式导入，有问题的行会被跳过。
        同一文件重复导入不会重复创建项目。
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Button onClick={() => void adminApi.importTemplate().catch((e) => setError(errorText(e)))}>
          下载导入模板
        </Button>
        <Upload
          accept=".xlsx,.csv"
          maxCount={1}
          beforeUpload={(f) => {
            setFile(f);
            setChecked(null);
            setCommitted(null);
            return false;
          }}
          onRemove={() => (setFile(null), setChecked(null))}
        >
          <Button>选择文件（.xlsx 或 .csv）</Button>
        </Upload>
        <Button onClick={() => void run(true)} disabled={!file || busy} loading={busy && !checked}>
          检查（不导入）
        </Button>
        <Button type="primary" onClick={() => void run(false)} disabled={!checked || accepted === 0 || busy}>
          {checked ? `正式导入 ${accepted} 行` : '正式导入'}
        </Button>
      </Space>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      {shown && (
        <>
          <Alert
            type={committed ? 'success' : shown.problems.length > 0 ? 'warning' : 'info'}
            showIcon
            message={
              committed
                ? `已导入：新建 ${committed.created} 个项目，${committed.unchanged} 个已存在未变动，` +
                  `${committed.supplemented ? `${committed.supplemented} 个补录了新的事实日期，` : ''}${committed.refused} 行被跳过`
                : `检查完成（尚未导入）：${shown.rows} 行中 ${shown.refused} 行有问题`
            }
            style={{ marginBottom: 16 }}
          />
          <Space size="large" style={{ marginBottom: 16 }}>
            <Statistic title="总行数" value={shown.rows} />
            <Statistic
              title={committed ? '新建' : '可导入'}
              value={committed ? committed.created : accepted}
            />
            <Statistic title="已存在" value={shown.unchanged} />
            {shown.supplemented > 0 && <Statistic title="补录" value={shown.supplemented} />}
            <Statistic title="有问题" value={shown.refused} />
          </Space>
          {shown.problems.length > 0 && (
            <Table
              rowKey={(p) => `${p.row}-${p.column}-${p.problem}`}
              columns={columns}
              dataSource={shown.problems}
              pagination={{ pageSize: 50 }}
              caption="问题清单（按行、列）"
            />
          )}
        </>
      )}
    </Card>
  );
}
