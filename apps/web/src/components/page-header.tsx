import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/** Every page's title row: the title (the page's one h1), an optional line under it, actions right. */
export function PageHeader(props: { title: string; subtitle?: ReactNode; extra?: ReactNode }) {
  return (
    <Flex justify="space-between" align="flex-start" gap={16} wrap style={{ marginBottom: 16 }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {props.title}
        </Typography.Title>
        {props.subtitle ? <Typography.Text type="secondary">{props.subtitle}</Typography.Text> : null}
      </div>
      {props.extra ? (
        <Flex gap={8} wrap>
          {props.extra}
        </Flex>
      ) : null}
    </Flex>
  );
}
