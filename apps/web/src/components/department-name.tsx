import { Typography } from 'antd';

/** A department as people know it: its Chinese name, with the code beside it for those who need it. */
export function DepartmentName(props: {
  id: string | null | undefined;
  name?: string | null;
  showCode?: boolean;
}) {
  if (!props.id) return <span>市局</span>;
  const name = props.name ?? props.id;
  return (
    <span title={props.id}>
      {name}
      {props.showCode && name !== props.id ? (
        <Typography.Text type="secondary" style={{ marginLeft: 4 }}>
          （{props.id}）
        </Typography.Text>
      ) : null}
    </span>
  );
}
