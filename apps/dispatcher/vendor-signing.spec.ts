import { createHmac } from 'node:crypto';
import { aliyunSignature, canonicalQuery } from './aliyun-sms.channel';
import { dingtalkSign, signedDingtalkUrl } from './dingtalk.channel';
import { feishuSign } from './feishu.channel';
import { maskRobotUrl, truncateUtf8 } from './robot';
import { tc3Authorization } from './tencent-sms.channel';

describe('vendor request signing', () => {
  it('Alibaba Cloud: the documented SendSms example (testId/testSecret) signs to zJDF+Lrzhj/ThnlvIToysFRq6t4=', () => {
    const params = {
      AccessKeyId: 'testId',
      Action: 'SendSms',
      Format: 'XML',
      OutId: '123',
      PhoneNumbers: '15300000001',
      RegionId: 'cn-hangzhou',
      SignName: '阿里云短信测试专用',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
      SignatureVersion: '1.0',
      TemplateCode: 'SMS_71390007',
      TemplateParam: '{"customer":"test"}',
      Timestamp: '2017-07-12T02:42:19Z',
      Version: '2017-05-25',
    };
    expect(aliyunSignature('GET', params, 'testSecret')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
    expect(canonicalQuery(params)).toContain('TemplateParam=%7B%22customer%22%3A%22test%22%7D');
  });

  it('DingTalk: sign = base64(HMAC-SHA256(secret, ts + "\\n" + secret)), URL-encoded onto the URL', () => {
    const expected = createHmac('sha256', 'SECabc').update('1700000000000\nSECabc').digest('base64');
    expect(dingtalkSign('SECabc', 1700000000000)).toBe(expected);
    expect(
      signedDingtalkUrl('https://oapi.dingtalk.com/robot/send?access_token=t', 'SECabc', 1700000000000),
    ).toBe(
      `https://oapi.dingtalk.com/robot/send?access_token=t&timestamp=1700000000000&sign=${encodeURIComponent(expected)}`,
    );
  });

  it('Feishu: the string to sign is the key and the message is empty', () => {
    const expected = createHmac('sha256', '1700000000\nsecret').update('').digest('base64');
    expect(feishuSign('secret', 1700000000)).toBe(expected);
    expect(feishuSign('secret', 1700000000)).not.toBe(
      createHmac('sha256', 'secret').update('1700000000\nsecret').digest('base64'),
    );
  });

  it('Tencent Cloud TC3: credential scope date/sms/tc3_request and the signed headers', () => {
    const auth = tc3Authorization({
      secretId: 'AKIDtest',
      secretKey: 'key',
      service: 'sms',
      host: 'sms.tencentcloudapi.com',
      contentType: 'application/json; charset=utf-8',
      payload: '{}',
      timestampSeconds: 1551113065,
    });
    expect(auth).toMatch(
      /^TC3-HMAC-SHA256 Credential=AKIDtest\/2019-02-25\/sms\/tc3_request, SignedHeaders=content-type;host, Signature=[0-9a-f]{64}$/,
    );
  });

  it('masks robot tokens and keys, and truncates UTF-8 at a character boundary', () => {
    expect(maskRobotUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc-123')).toBe(
      'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=***',
    );
    expect(maskRobotUrl('https://open.feishu.cn/open-apis/bot/v2/hook/xyz')).toBe(
      'https://open.feishu.cn/open-apis/bot/v2/hook/***',
    );
    const cut = truncateUtf8('期'.repeat(2000), 4096, '…');
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(4096);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut).not.toContain('\uFFFD');
  });
});
