import type { Sheet } from './import-file';
import { columnsOf, departmentLookup, readRow } from './import-rows';

const departments = [
  { id: 'dept-nr', name: '市自然资源和规划局' },
  { id: 'dept-nr2', name: '市自然资源和规划局' },
  { id: 'dept-data', name: '市数据局' },
  // A department named exactly as another's code: the code wins.
  { id: 'dept-odd', name: 'dept-data' },
];

function row(department: string) {
  const sheet: Sheet = {
    headers: ['项目编号', '项目名称', '部门', '适用办法', '计划年度', '总投资 (元)'],
    rows: [{ row: 2, cells: ['P-1', '项目', department, '山东省政务信息系统项目管理办法', 2026, 1_000_000] }],
  };
  const { index } = columnsOf(sheet);
  return readRow(sheet.rows[0]!, index, departmentLookup(departments), null);
}

describe('the 部门 column', () => {
  it('takes a department by its code or by a name only it has', () => {
    expect(row('dept-nr').item?.dto.departmentId).toBe('dept-nr');
    expect(row('市数据局').item?.dto.departmentId).toBe('dept-data');
    expect(row('dept-data').item?.dto.departmentId).toBe('dept-data');
  });

  it('refuses a name two departments share, naming both codes, instead of guessing one', () => {
    const { item, problems } = row('市自然资源和规划局');
    expect(item).toBeUndefined();
    expect(problems).toEqual([
      {
        row: 2,
        column: '部门',
        problem: '部门名称「市自然资源和规划局」对应多个部门（dept-nr、dept-nr2），请改填部门编号',
      },
    ]);
  });

  it('refuses a department that does not exist', () => {
    expect(row('市不存在局').problems.map((p) => p.column)).toEqual(['部门']);
  });
});
