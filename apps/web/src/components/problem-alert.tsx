import { Alert } from 'antd';
import { ApiError, errorText } from '../api/client';

/** An API error in words a person can act on (the problem's Chinese title and detail); nothing when none. */
export function ProblemAlert(props: { error: unknown; onClose?: () => void }) {
  if (!props.error) return null;
  const error = props.error;
  const title = error instanceof ApiError ? error.title : '操作失败';
  const detail = error instanceof ApiError ? error.detail : errorText(error);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={title}
      description={detail}
      style={{ marginBottom: 16 }}
      {...(props.onClose ? { closable: { onClose: props.onClose } } : {})}
    />
  );
}
