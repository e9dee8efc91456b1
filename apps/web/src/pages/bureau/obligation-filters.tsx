import { Button, Input, InputNumber, Select, Space } from 'antd';
import { useDepartments } from '../../api/departments';
import { REGULATIONS } from '../../api/policies';

export interface Filters {
  department?: string;
  regulation?: string;
  q?: string;
  minDaysOverdue?: number;
}

/** The filters the overdue and due-soon lists share; the URL keeps them, so a link opens the same view. */
export function ObligationFilters(props: {
  value: Filters;
  onChange: (f: Filters) => void;
  overdue?: boolean;
}) {
  const departments = useDepartments();
  const set = (patch: Filters) => props.onChange({ ...props.value, ...patch });
  return (
    <Space wrap style={{ marginBottom: 16 }}>
      <Select
        aria-label="部门"
        placeholder="全部部门"
        allowClear
        showSearch
        optionFilterProp="label"
        style={{ width: 240 }}
        value={props.value.department}
        onChange={(v: string | undefined) => set({ department: v })}
        options={departments.map((d) => ({ value: d.code, label: d.name }))}
      />
      <Select
        aria-label="办法"
        placeholder="全部办法"
        allowClear
        style={{ width: 140 }}
        value={props.value.regulation}
        onChange={(v: string | undefined) => set({ regulation: v })}
        options={REGULATIONS.map((r) => ({ value: r.id, label: r.name }))}
      />
      {props.overdue ? (
        <InputNumber
          aria-label="最少逾期天数"
          placeholder="最少逾期天数"
          min={0}
          style={{ width: 140 }}
          value={props.value.minDaysOverdue}
          onChange={(v) => set({ minDaysOverdue: v ?? undefined })}
        />
      ) : null}
      <Input.Search
        aria-label="搜索项目名称"
        placeholder="搜索项目名称"
        allowClear
        style={{ width: 220 }}
        defaultValue={props.value.q}
        onSearch={(v) => set({ q: v || undefined })}
      />
      <Button onClick={() => props.onChange({})}>清除筛选</Button>
    </Space>
  );
}

export function filtersOf(search: URLSearchParams): Filters {
  const min = search.get('minDaysOverdue');
  return {
    ...(search.get('department') ? { department: search.get('department') as string } : {}),
    ...(search.get('regulation') ? { regulation: search.get('regulation') as string } : {}),
    ...(search.get('q') ? { q: search.get('q') as string } : {}),
    ...(min ? { minDaysOverdue: Number(min) } : {}),
  };
}

export function searchOf(filters: Filters): Record<string, string> {
  return Object.fromEntries(
    Object.entries(filters)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => [k, String(v)]),
  );
}
