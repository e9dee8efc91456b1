import type { ColumnsType, ColumnType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import { DepartmentName } from '../../components/department-name';

/** What the overdue and due-soon lists share of a row; each adds its own count of days. */
export interface ObligationRow {
  projectId: string;
  projectName: string;
  departmentId: string;
  departmentName: string;
  regulation: string;
  jurisdiction: string;
  obligation: string;
  title: string;
  dueOn: string;
  article: string;
  /** The article as a person reads it: 《山东省政务信息系统项目管理办法》第十三条. */
  articleText: string;
}

/** The lists' columns, with the list's own light column (days overdue, days left) before the article. */
export function obligationColumns<T extends ObligationRow>(light: ColumnType<T>): ColumnsType<T> {
  return [
    {
      title: '部门',
      dataIndex: 'departmentName',
      width: 200,
      render: (_, r) => <DepartmentName id={r.departmentId} name={r.departmentName} />,
    },
    {
      title: '项目',
      dataIndex: 'projectName',
      render: (v: string, r) => <Link to={`/projects/${r.projectId}`}>{v}</Link>,
    },
    {
      title: '办法',
      dataIndex: 'jurisdiction',
      width: 90,
      // The full title wraps onto four lines in this column; the jurisdiction names it, the title is a hover away.
      render: (v: string, r) => <span title={r.regulation}>{v}</span>,
    },
    { title: '事项', dataIndex: 'title' },
    { title: '期限', dataIndex: 'dueOn', width: 110 },
    light,
    { title: '依据', dataIndex: 'articleText', width: 220 },
  ];
}
