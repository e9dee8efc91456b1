import { Alert, Button, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { projectsApi } from './projects.api';
import { errorText } from '../../api/client';

/**
 * A revocable iCalendar link for the department's due dates, copied for a calendar app to subscribe to.
 * The bureau names the project's department; a department's own is implied.
 */
export function FeedSubscribe({
  departmentId,
  ownDepartment,
}: {
  departmentId: string;
  ownDepartment: boolean;
}) {
  const [link, setLink] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setNote('订阅链接已复制到剪贴板，可粘贴到日历软件的“订阅日历”中。');
    } catch {
      setNote('无法自动复制，请选中下面的链接手动复制。');
    }
  };

  const create = async () => {
    setError(null);
    try {
      const feed = await projectsApi.createFeed(ownDepartment ? undefined : departmentId);
      const url = `${window.location.origin}${feed.path}`;
      setLink(url);
      await copy(url);
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph style={{ margin: 0 }}>
        订阅本部门所有项目的截止日期（iCalendar）。链接本身即凭证，持有者无需登录即可读取，请勿外传。
      </Typography.Paragraph>
      <Button onClick={create}>{link ? '重新生成并复制订阅链接' : '生成并复制订阅链接'}</Button>
      {link && (
        <Space.Compact style={{ width: '100%' }}>
          <Input readOnly value={link} aria-label="日历订阅链接" data-testid="feed-link" />
          <Button onClick={() => copy(link)}>复制</Button>
        </Space.Compact>
      )}
      {note && <Typography.Text role="status">{note}</Typography.Text>}
      {error && <Alert type="error" showIcon title={error} />}
    </Space>
  );
}
