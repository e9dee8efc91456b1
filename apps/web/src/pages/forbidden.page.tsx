import { Result } from 'antd';

export function ForbiddenPage() {
  return (
    <Result status="403" title="无权访问" subTitle="您的角色不能使用此页面，如需使用请联系系统管理员。" />
  );
}
