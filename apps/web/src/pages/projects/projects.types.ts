/** The API's answers the project pages read (apps/api/projects, events, corrections, calendar). */

export type ProjectStatus = 'active' | 'paused' | 'terminated' | 'completed';
export type ObligationStatus = 'pending' | 'open' | 'met' | 'overdue' | 'met-late' | 'waived';

export interface PolicyFlag {
  code: string;
  message: string;
}

export interface ProjectSummary {
  id: string;
  code: string | null;
  name: string;
  departmentId: string;
  departmentName: string;
  policyId: string;
  status: ProjectStatus;
  flags: PolicyFlag[];
  nextDueOn: string | null;
  overdueCount: number;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export interface DayRange {
  from: string;
  to: string;
  kind: 'weekend' | 'holiday' | 'adjusted-workday' | 'workday';
  name?: string;
  provisional?: boolean;
}

export interface DerivationStep {
  kind: string;
  text: string;
  skipped?: DayRange[];
  counted?: DayRange[];
  days?: number;
  pausedOn?: string;
  resumedOn?: string | null;
}

export interface DateExplanation {
  rule: string;
  result: string | null;
  provisional: boolean;
  steps: DerivationStep[];
  calendar: { year: number; official: boolean; source?: string }[];
}

export interface Obligation {
  key: string;
  title: string;
  opensOn: string | null;
  dueOn: string | null;
  status: ObligationStatus;
  provisional: boolean;
  basis: string;
  /** The basis as a person reads it (《山东省政务信息系统项目管理办法》第十三条); `basis` is the stored form. */
  basisText: string;
  metOn: string | null;
  extended: { originalDueOn: string | null; until: string; grantedOn: string } | null;
  suspended: { since: string } | null;
  explanation: {
    trigger: { event: string; on: string | null; eventIndex: number | null };
    opens?: DateExplanation;
    due?: DateExplanation;
    status: string;
  };
}

export interface CorrectionStep {
  id: string;
  kind: 'date' | 'withdraw';
  reason: string;
  status: 'pending' | 'applied' | 'refused';
  requestedBy: string;
  requestedAt: string;
  decisionReason: string | null;
}

export interface Fact {
  index: number;
  type: string;
  on: string;
  recordedOn: string;
  daysRecordedLate: number | null;
  payload: Record<string, unknown>;
  actorId: string;
  actorName: string;
  actorRole: string;
  recordedAt: string;
  history: { original: Record<string, unknown>; corrections: CorrectionStep[] };
}

export interface ProjectDetail extends ProjectSummary {
  attributes: {
    planYear: number;
    investment: number;
    softwareDevelopment?: number;
    category?: 'key' | 'general';
    plannedAcceptanceOn?: string | null;
    registeredOn?: string;
  };
  policy: { id: string; name: string; version: string; draft: boolean } | null;
  obligations: Obligation[];
  facts: Fact[];
  withdrawnFacts: { original: Record<string, unknown>; corrections: CorrectionStep[] }[];
  requirements: { key: string; title: string; basis: string; basisText: string }[];
  changes: {
    event: number;
    path: 'filing' | 'approval' | 'rejected';
    basis: string;
    basisText: string;
    reason: string;
  }[];
  /** 事项名称 by fact type, in the reader's language. */
  factTitles: Record<string, string>;
  /** The fact types the caller's role records through the fact form. */
  recordableFacts: string[];
}

export interface AuditItem {
  id: string;
  at: string;
  action: string;
  actionTitle: string;
  summary: string;
  actorId: string;
  actorName: string;
  actorRole: string;
  actorRoleTitle: string;
}

export interface Policy {
  id: string;
  name: string;
  jurisdiction: string;
  validFrom: string | null;
  validUntil: string | null;
  draft: boolean;
  inForce: boolean;
  requiresCategory: boolean;
}

export interface Department {
  code: string;
  name: string;
  active: boolean;
}

export interface FactInput {
  type: string;
  on: string;
  year?: number;
  obligation?: string;
  until?: string;
  reason?: string;
}
