import { Alert, Button, Card, DatePicker, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { errorText } from '../../api/client';
import { adminApi } from './admin.api';
import type { Page, ProjectRow } from './admin.types';

type Act = 'pause' | 'resume' | 'terminate';

const ACT_TITLES: Record<Act, string> = { pause: '暂停', resume: '恢复', terminate: '终止' };
const STATUS: Record<ProjectRow['status'], { label: string; color?: string }> = {
  active: { label: '进行中', color: '#0958d9' },
  paused: { label: '已暂停', color: '#ad4e00' },
  terminated: { label: '已终止', color: '#595959' },
  completed: { label: '已办结', color: '#237804' },
};
const PAGE_SIZE = 20;

/** The administrator's project controls, apart from the project page: pause, resume, terminate, each with a reason. */
export function ProjectControlsPage() {
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Page<ProjectRow> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [acting, setActing] = useState<{ project: ProjectRow; act: Act } | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ reason: string; effectiveOn?: Dayjs }>();

  const reload = useCallback(() => {
    adminApi.projects(q, page, PAGE_SIZE).then(
      (d) => (setData(d), setError(null)),
      (e) => setError(errorText(e)),
    );
  }, [q, page]);
  useEffect(reload, [reload]);

  const open = (project: ProjectRow, act: Act) => {
    form.resetFields();
    setRefusal(null);
    setActing({ project, act });
  };

  const submit = async () => {
    if (!acting) return;
    const v = await form.validateFields();
    setSaving(true);
    try {
      const result = await adminApi.control(acting.project.id, acting.act, {
        reason: v.reason,
        ...(v.effectiveOn ? { effectiveOn: v.effectiveOn.format('YYYY-MM-DD') } : {}),
      });
      const state = STATUS[result.status as ProjectRow['status']]?.label ?? result.status;
      setNotice(`已${ACT_TITLES[acting.act]}「${acting.project.name}」，当前状态：${state}`);
      setActing(null);
      reload();
    } catch (e) {
      // A refusal (e.g. 金湖县 第三十八条's month of notice) stays in the dialog so the date can be fixed.
      setRefusal(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  const columns: ColumnsType<ProjectRow> = [
    {
      title: '项目名称',
      dataIndex: 'name',
      render: (name: string, p) => <Link to={`/projects/${p.id}`}>{name}</Link>,
    },
    { title: '项目编号', dataIndex: 'code', render: (c: string | null) => c ?? '—' },
    { title: '部门', dataIndex: 'departmentName' },
    {
      title: '状态',
      dataIndex: 'status',
      render: (s: ProjectRow['status']) => <Tag color={STATUS[s]?.color}>{STATUS[s]?.label ?? s}</Tag>,
    },
    {
      title: '操作',
      key: 'actions',
      render: (_: unknown, p) => (
        <Space>
          {p.status === 'active' && (
            <Button size="small" onClick={() => open(p, 'pause')}>
              暂停
            </Button>
          )}
          {p.status === 'paused' && (
            <Button size="small" onClick={() => open(p, 'resume')}>
              恢复
            </Button>
          )}
          {(p.status === 'active' || p.status === 'paused') && (
            <Button size="small" danger onClick={() => open(p, 'terminate')}>
              终止
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={
        <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
          项目管控
        </Typography.Title>
      }
    >
      <Typography.Paragraph type="secondary">
        暂停期间各事项的期限停止计算，恢复后顺延；终止后项目不再产生新的事项。每次操作须填写原因，记入项目事实和审计日志。
      </Typography.Paragraph>
      <Input.Search
        placeholder="按项目名称或项目编号搜索"
        aria-label="按项目名称或项目编号搜索"
        allowClear
        enterButton="搜索"
        onSearch={(v) => (setPage(1), setQ(v.trim()))}
        style={{ maxWidth: 420, marginBottom: 16 }}
      />
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      {notice && (
        <Alert
          type="success"
          showIcon
          closable
          message={notice}
          onClose={() => setNotice(null)}
          style={{ marginBottom: 16 }}
        />
      )}
      <Table
        rowKey="id"
        columns={columns}
        dataSource={data?.items ?? []}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
      />
      <Modal
        title={acting ? `${ACT_TITLES[acting.act]}项目「${acting.project.name}」` : ''}
        open={acting !== null}
        onOk={() => void submit()}
        okText={acting ? `确认${ACT_TITLES[acting.act]}` : '确认'}
        okButtonProps={{ danger: acting?.act === 'terminate' }}
        cancelText="取消"
        confirmLoading={saving}
        onCancel={() => setActing(null)}
        destroyOnHidden
      >
        {refusal && (
          <Alert
            type="error"
            showIcon
            message="未能执行"
            description={refusal}
            style={{ marginBottom: 16 }}
            data-testid="control-refusal"
          />
        )}
        <Form form={form} layout="vertical" name="control">
          <Form.Item
            name="reason"
            label="原因"
            rules={[
              { required: true, message: '请填写原因' },
              { max: 500, message: '原因不超过 500 字' },
            ]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
          {acting?.act === 'terminate' && (
            <Form.Item
              name="effectiveOn"
              label="生效日期"
              extra="不填则今天生效；部分办法要求提前报备（如金湖县须至少提前 1 个月）"
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Card>
  );
}
