export interface Page<T> {
  page: number;
  pageSize: number;
  total: number;
  items: T[];
}

export interface Contact {
  name: string;
  phone?: string;
  email?: string;
}

export interface Department {
  code: string;
  name: string;
  active: boolean;
  contacts: Contact[];
}

export type Role = 'department' | 'operator' | 'admin';

export interface Account {
  username: string;
  displayName: string;
  role: Role;
  departmentId: string | null;
  phone: string | null;
  email: string | null;
  disabled: boolean;
  mustChangePassword: boolean;
  locked: boolean;
}

export interface OneTimePassword {
  username: string;
  oneTimePassword: string;
}

export interface ProjectRow {
  id: string;
  code: string | null;
  name: string;
  departmentId: string;
  departmentName: string;
  policyId: string;
  status: 'active' | 'paused' | 'terminated' | 'completed';
}

export interface NoticeDay {
  name: string;
  date: string;
  isOffDay: boolean;
}

export interface Notice {
  year: number;
  days: NoticeDay[];
}

export interface ObligationMove {
  key: string;
  title: string;
  basis: string;
  /** 《办法》第N条, as the table shows it. */
  basisText: string;
  before: { opensOn: string | null; dueOn: string | null };
  after: { opensOn: string | null; dueOn: string | null };
}

export interface NoticePreview {
  year: number;
  days: number;
  projectsChecked: number;
  projectsMoved: number;
  projects: (Omit<ProjectRow, 'status'> & { obligations: ObligationMove[] })[];
}

export interface NoticeLoaded {
  year: number;
  days: number;
  projectsSignalled: number;
  projectsMoved: number;
}

export interface CalendarYears {
  official: { year: number; source: string; origin: 'shipped' | 'loaded'; loadedAt?: string }[];
  provisionalFrom: number;
}

export interface ImportProblem {
  row: number;
  column: string;
  problem: string;
}

export interface ImportResult {
  rows: number;
  created: number;
  unchanged: number;
  /** Rows of projects already imported that bring fact dates not recorded yet (补录). */
  supplemented: number;
  refused: number;
  problems: ImportProblem[];
}

export interface DeadLetter {
  id: string;
  notificationId: string;
  channel: string;
  recipient: string;
  attempts: number;
  lastError: string | null;
  deadAt: string;
  projectId: string | null;
  projectName: string | null;
  departmentId: string;
  departmentName: string;
  kind: string;
  dueOn: string | null;
  message: string | null;
}

export interface Incident {
  id: string;
  projectId: string | null;
  subject: string;
  departmentId: string;
  stepTitle: string;
  error: string;
  attempts: number;
  openedAt: string;
}

export interface Channels {
  departmentId: string;
  emails: string[];
  emailEnabled: boolean;
  webhookUrl: string | null;
  webhookEnabled: boolean;
  webhookSecretSet: boolean;
  /** Masked: the token, key or hook id in a robot's URL is its secret. */
  dingtalkUrl: string | null;
  dingtalkSecretSet: boolean;
  dingtalkAtMobiles: string[];
  dingtalkEnabled: boolean;
  wecomUrl: string | null;
  wecomMentionedMobiles: string[];
  wecomEnabled: boolean;
  feishuUrl: string | null;
  feishuSecretSet: boolean;
  feishuEnabled: boolean;
  smsProvider: 'aliyun' | 'tencent' | null;
  smsRecipients: string[];
  smsEnabled: boolean;
  smsContacts: string[];
  smsHeads: string[];
}

/** What the channels form sends: only fields the person set; secrets and robot URLs are write-only. */
export type ChannelsUpdate = Partial<{
  emails: string[];
  emailEnabled: boolean;
  webhookUrl: string;
  webhookSecret: string;
  webhookEnabled: boolean;
  dingtalkUrl: string;
  dingtalkSecret: string;
  dingtalkAtMobiles: string[];
  dingtalkEnabled: boolean;
  wecomUrl: string;
  wecomMentionedMobiles: string[];
  wecomEnabled: boolean;
  feishuUrl: string;
  feishuSecret: string;
  feishuEnabled: boolean;
  smsProvider: 'aliyun' | 'tencent';
  smsRecipients: string[];
  smsEnabled: boolean;
}>;

export interface AllowList {
  entries: string[];
  fromConfiguration: string[];
}
