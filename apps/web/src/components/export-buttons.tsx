import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { download, errorText, type Query } from '../api/client';

/** 导出 Excel / 导出 CSV of a list as its filters show it: `${path}.xlsx` and `${path}.csv` with `query`. */
export function ExportButtons(props: { path: string; query: Query; name: string }) {
  const { message } = App.useApp();
  const exportAs = async (kind: 'xlsx' | 'csv') => {
    try {
      const file = await download(`${props.path}.${kind}`, props.query, `${props.name}.${kind}`);
      message.success(`已导出 ${file}`);
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <>
      <Button icon={<DownloadOutlined />} onClick={() => exportAs('xlsx')}>
        导出 Excel
      </Button>
      <Button icon={<DownloadOutlined />} onClick={() => exportAs('csv')}>
        导出 CSV
      </Button>
    </>
  );
}
