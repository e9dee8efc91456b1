import { Input } from 'antd';
import { useMemo, useState, type ReactElement } from 'react';

/**
 * A search box over a list already loaded in full (departments, accounts): a bureau has hundreds, and
 * a row just created may sit on a later page of a table sorted by code.
 */
export function useListSearch<T>(
  items: T[],
  text: (item: T) => string,
  label: string,
): { shown: T[]; box: ReactElement } {
  const [query, setQuery] = useState('');
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return q ? items.filter((i) => text(i).toLowerCase().includes(q)) : items;
  }, [items, query, text]);
  const box = (
    <Input.Search
      allowClear
      aria-label={label}
      placeholder={label}
      value={query}
      onChange={(e) => setQuery(e.target.value)}
      style={{ width: 320, marginBottom: 16 }}
    />
  );
  return { shown, box };
}
