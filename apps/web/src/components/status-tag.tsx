import { Tag } from 'antd';

/** The 红黄绿灯 of an obligation: overdue red, due soon yellow, the other open ones green. */
export type Light = 'red' | 'yellow' | 'green';

// Text darker than antd's presets: theirs miss WCAG AA contrast on the tags' pale backgrounds.
const LIGHTS: Record<Light, { color: string; label: string; text: string }> = {
  red: { color: 'red', label: '已逾期', text: '#a8071a' },
  yellow: { color: 'gold', label: '即将到期', text: '#613400' },
  green: { color: 'green', label: '正常', text: '#135200' },
};

/** Obligation statuses the API reports, in Chinese. */
export const STATUS_TEXT: Record<string, string> = {
  overdue: '已逾期',
  open: '进行中',
  met: '已完成',
  pending: '未开始',
  waived: '已免除',
  superseded: '已失效',
  paused: '已暂停',
};

export function LightTag(props: { light: Light; text?: string }) {
  const { color, label, text } = LIGHTS[props.light];
  return (
    <Tag color={color} style={{ color: text }}>
      {props.text ?? label}
    </Tag>
  );
}

/** The light for an obligation status, given whether an open one is due within the yellow window. */
export function lightOf(status: string, dueSoon = false): Light | null {
  if (status === 'overdue') return 'red';
  if (status === 'open') return dueSoon ? 'yellow' : 'green';
  return null;
}

export function StatusTag(props: { status: string; dueSoon?: boolean }) {
  const light = lightOf(props.status, props.dueSoon);
  const text = STATUS_TEXT[props.status] ?? props.status;
  if (light) return <LightTag light={light} text={props.dueSoon && light === 'yellow' ? '即将到期' : text} />;
  return <Tag>{text}</Tag>;
}
