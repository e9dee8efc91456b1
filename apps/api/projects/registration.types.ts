import type { ProjectRecord, RecordedFact } from '../../../activities/types';

/** What a registration is prepared with and into: shared by POST /projects and workbook imports. */
export interface RegistrationOptions {
  /** Idempotency-Key of POST /projects: the id follows from the caller and the key. */
  key?: string;
  /** 项目编号 (imports): the id follows from the department and the code, which is stored. */
  code?: string;
  /** Where the registration came from; an import's first evaluation announces nothing by itself. */
  source?: { kind: 'import'; batchId: string };
}

export interface PreparedRegistration {
  record: ProjectRecord;
  history: RecordedFact[];
  outOfForce: boolean;
  code: string | null;
  source: RegistrationOptions['source'] | null;
  /** The project is there already; `confirmed` once its workflow projected it. */
  existing: { confirmed: boolean } | null;
}

/** Facts refused by position in `events`, carried on the exception so an import can name its column. */
export interface EventRejection {
  event: number;
  reason: string;
}

export function rejectionsOf(error: unknown): EventRejection[] | undefined {
  return (error as { rejections?: EventRejection[] } | null)?.rejections;
}
