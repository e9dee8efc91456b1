import type { PreparedRegistration } from '../projects/registration.types';
import type { OverdueRow, SummaryNotice } from './imports.repository';

/** Projects named in one summary's text; the rest are counted (and all are in its payload). */
const NAMED = 20;

/**
 * What an import found overdue, one notice per department instead of one per obligation per project:
 * a department bringing in 300 running projects learns in one message what is late.
 */
export function summaryNotices(
  batchId: string,
  created: PreparedRegistration[],
  overdue: OverdueRow[],
  writtenAt: Date,
): SummaryNotice[] {
  const byDepartment = new Map<string, OverdueRow[]>();
  for (const o of overdue)
    byDepartment.set(o.department_id, [...(byDepartment.get(o.department_id) ?? []), o]);
  return [...byDepartment].map(([departmentId, rows]) => {
    const projects = new Map<string, SummaryNotice['projects'][number]>();
    for (const o of rows) {
      const p = projects.get(o.project_id) ?? {
        id: o.project_id,
        code: o.code,
        name: o.project_name,
        overdue: [],
      };
      p.overdue.push(`${o.title}（${o.due_on} 到期）`);
      projects.set(o.project_id, p);
    }
    const list = [...projects.values()];
    const registered = created.filter((c) => c.record.departmentId === departmentId).length;
    const named = list
      .slice(0, NAMED)
      .map((p) => `「${p.name}」${p.code ? `（${p.code}）` : ''}：${p.overdue.join('、')}`)
      .join('；');
    const more = list.length > NAMED ? `；另有 ${list.length - NAMED} 个项目` : '';
    return {
      batchId,
      departmentId,
      projects: list,
      writtenAt,
      message:
        `【导入汇总】本次导入为本部门登记了 ${registered} 个项目，其中 ${list.length} 个项目共 ${rows.length} 项事项在导入时已逾期：` +
        `${named}${more}。请在「逾期事项」中查看并尽快办理。`,
    };
  });
}
