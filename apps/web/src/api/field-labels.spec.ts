/// <reference types="jest" />
import { withFieldLabels } from './field-labels';

describe('withFieldLabels', () => {
  it('reads a field the console has a label for as that label', () => {
    expect(withFieldLabels('「newPassword」至少须有 12 个字符')).toBe('「新密码」至少须有 12 个字符');
    expect(withFieldLabels('「dingtalkUrl」接收地址指向内网或保留地址')).toBe(
      '「钉钉机器人 Webhook 地址」接收地址指向内网或保留地址',
    );
  });

  it('leaves paths, unknown names, inherited names and Chinese quotes as they are', () => {
    expect(withFieldLabels('「events[0].on」不是有效的日期')).toBe('「events[0].on」不是有效的日期');
    expect(withFieldLabels('「bogus」不可用；「constructor」；「合同备案」')).toBe(
      '「bogus」不可用；「constructor」；「合同备案」',
    );
  });
});
