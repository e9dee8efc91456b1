import { Empty } from 'antd';
import { PageHeader } from '../components/page-header';

/** A page not built yet, so its menu entry already leads somewhere that says so. */
export function Placeholder(props: { title: string }) {
  return (
    <>
      <PageHeader title={props.title} />
      <Empty description="此页面正在建设中" />
    </>
  );
}
