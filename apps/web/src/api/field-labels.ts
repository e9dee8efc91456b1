/**
 * The API names the field a refusal is about as its JSON name (「newPassword」), which an API client
 * needs; a person in the console reads the label of the field on the form instead (「新密码」).
 */
const LABELS: Record<string, string> = {
  newPassword: '新密码',
  currentPassword: '当前密码',
  password: '密码',
  username: '用户名',
  displayName: '姓名',
  role: '角色',
  departmentId: '所属部门',
  department: '部门',
  phone: '手机号',
  email: '电子邮箱',
  emails: '接收提醒的电子邮箱',
  name: '名称',
  code: '编号',
  contacts: '联系人',
  escalationRole: '逾期升级身份',
  active: '启用',
  disabled: '停用',
  reason: '原因',
  on: '日期',
  policy: '适用办法',
  category: '类别',
  planYear: '计划年度',
  investment: '总投资',
  softwareCost: '软件开发费',
  until: '延期至',
  effectiveOn: '生效日期',
  message: '催办内容',
  answerBy: '答复期限',
  expectedOn: '预计完成日期',
  dueBefore: '截止日期',
  days: '天数',
  file: '文件',
  entries: '白名单条目',
  webhookUrl: 'Webhook 地址',
  webhookSecret: '签名密钥',
  dingtalkUrl: '钉钉机器人 Webhook 地址',
  dingtalkSecret: '钉钉加签密钥',
  dingtalkAtMobiles: '钉钉消息中 @ 的手机号',
  wecomUrl: '企业微信机器人 Webhook 地址',
  wecomMentionedMobiles: '企业微信消息中 @ 的手机号',
  feishuUrl: '飞书机器人 Webhook 地址',
  feishuSecret: '飞书签名校验密钥',
  smsProvider: '短信服务商',
  smsRecipients: '另外接收短信的手机号',
};

/** The refusal with every 「jsonName」 the console has a label for read as that label. */
export function withFieldLabels(text: string): string {
  return text.replace(/「([A-Za-z]+)」/g, (whole, name: string) =>
    Object.hasOwn(LABELS, name) ? `「${LABELS[name]}」` : whole,
  );
}
