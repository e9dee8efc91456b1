/**
 * 短信服务商配置：签名、每类通知一个已审核模板、访问密钥，均来自环境变量（不在数据库、不在接口中）。
 */
import type { NotificationEntity } from '../../db/entities';
import { shanghaiDateOf, daysBetween } from '../../domain';

export interface AliyunSmsConfig {
  endpoint: string;
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  /** notice kind → TemplateCode */
  templates: Record<string, string>;
}

export interface TencentSmsConfig {
  endpoint: string;
  secretId: string;
  secretKey: string;
  sdkAppId: string;
  signName: string;
  region: string;
  /** notice kind → TemplateId */
  templates: Record<string, string>;
}

export interface SmsProviders {
  aliyun?: AliyunSmsConfig;
  tencent?: TencentSmsConfig;
}

function templates(name: string, raw: string | undefined, problems: string[]): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(raw ?? '{}');
    if (
      parsed &&
      typeof parsed === 'object' &&
      !Array.isArray(parsed) &&
      Object.values(parsed).every((v) => typeof v === 'string' && v.length > 0)
    )
      return parsed as Record<string, string>;
  } catch {
    // reported below
  }
  problems.push(`${name} must be a JSON object of notice kind → template, e.g. {"overdue-notice":"SMS_1"}`);
  return {};
}

/**
 * ALIYUN_SMS_ACCESS_KEY_ID, ALIYUN_SMS_ACCESS_KEY_SECRET, ALIYUN_SMS_SIGN_NAME, ALIYUN_SMS_TEMPLATES,
 * ALIYUN_SMS_ENDPOINT; TENCENT_SMS_SECRET_ID, TENCENT_SMS_SECRET_KEY, TENCENT_SMS_SDK_APP_ID,
 * TENCENT_SMS_SIGN_NAME, TENCENT_SMS_TEMPLATES, TENCENT_SMS_REGION, TENCENT_SMS_ENDPOINT.
 * A provider is configured when its keys are set; half a configuration is a problem, named.
 */
export function loadSmsConfig(env: NodeJS.ProcessEnv, problems: string[]): SmsProviders {
  const providers: SmsProviders = {};
  if (env.ALIYUN_SMS_ACCESS_KEY_ID || env.ALIYUN_SMS_ACCESS_KEY_SECRET) {
    for (const name of ['ALIYUN_SMS_ACCESS_KEY_ID', 'ALIYUN_SMS_ACCESS_KEY_SECRET', 'ALIYUN_SMS_SIGN_NAME'])
      if (!env[name]) problems.push(`${name} is needed for Alibaba Cloud SMS`);
    providers.aliyun = {
      endpoint: env.ALIYUN_SMS_ENDPOINT ?? 'https://dysmsapi.aliyuncs.com/',
      accessKeyId: env.ALIYUN_SMS_ACCESS_KEY_ID ?? '',
      accessKeySecret: env.ALIYUN_SMS_ACCESS_KEY_SECRET ?? '',
      signName: env.ALIYUN_SMS_SIGN_NAME ?? '',
      templates: templates('ALIYUN_SMS_TEMPLATES', env.ALIYUN_SMS_TEMPLATES, problems),
    };
  }
  if (env.TENCENT_SMS_SECRET_ID || env.TENCENT_SMS_SECRET_KEY) {
    for (const name of [
      'TENCENT_SMS_SECRET_ID',
      'TENCENT_SMS_SECRET_KEY',
      'TENCENT_SMS_SDK_APP_ID',
      'TENCENT_SMS_SIGN_NAME',
    ])
      if (!env[name]) problems.push(`${name} is needed for Tencent Cloud SMS`);
    providers.tencent = {
      endpoint: env.TENCENT_SMS_ENDPOINT ?? 'https://sms.tencentcloudapi.com/',
      secretId: env.TENCENT_SMS_SECRET_ID ?? '',
      secretKey: env.TENCENT_SMS_SECRET_KEY ?? '',
      sdkAppId: env.TENCENT_SMS_SDK_APP_ID ?? '',
      signName: env.TENCENT_SMS_SIGN_NAME ?? '',
      region: env.TENCENT_SMS_REGION ?? 'ap-guangzhou',
      templates: templates('TENCENT_SMS_TEMPLATES', env.TENCENT_SMS_TEMPLATES, problems),
    };
  }
  return providers;
}

/** Template variables are short fields of an approved template, never free text. */
const field = (value: unknown, max = 20) => [...String(value ?? '')].slice(0, max).join('');

/** The template's variables: project, item, due date, and the days left or overdue. */
export function smsParams(n: NotificationEntity, now: number): Record<string, string> {
  const p = n.payload as { projectName?: string; title?: string | null };
  const days = n.dueOn ? daysBetween(shanghaiDateOf(now), n.dueOn) : null;
  return {
    project: field(p.projectName ?? n.projectId),
    item: field(p.title ?? ''),
    due: n.dueOn ?? '无',
    status:
      days === null ? '无期限' : days > 0 ? `还有${days}天` : days === 0 ? '今天到期' : `已逾期${-days}天`,
  };
}
