import { isIsoDate } from '../../../domain';
import { localized } from '../common/localized.exception';

/** Where a page of the overdue list ends, in its sort order: due date, project name, project, obligation. */
export interface OverdueKey {
  dueOn: string;
  projectName: string;
  projectId: string;
  key: string;
}

/** The key as an opaque token. It grants nothing (the filters and scope come with each request). */
export function encodeCursor(k: OverdueKey): string {
  return Buffer.from(JSON.stringify([k.dueOn, k.projectName, k.projectId, k.key])).toString('base64url');
}

const refused = (why: string) =>
  localized(
    400,
    `「cursor」无效（${why}）：请使用上一页返回的 nextCursor`,
    `cursor is not one this API issued (${why}); pass back the previous page's nextCursor`,
  );

export function decodeCursor(cursor: string): OverdueKey {
  if (!/^[A-Za-z0-9_-]{1,1200}$/.test(cursor)) throw refused('不是 base64url');
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  // Decoding forgives stray bits and bad UTF-8; only a token that round-trips is one we issued.
  if (Buffer.from(text).toString('base64url') !== cursor) throw refused('编码不完整');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw refused('内容不可读');
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 4 ||
    !parsed.every((v) => typeof v === 'string' && v.length > 0 && v.length <= 200) ||
    !isIsoDate(parsed[0] as string)
  ) {
    throw refused('内容不符');
  }
  const [dueOn, projectName, projectId, key] = parsed as string[];
  return { dueOn, projectName, projectId, key } as OverdueKey;
}
