import { Placeholder } from '../placeholder.page';

export function DashboardPage() {
  return <Placeholder title="监管总览" />;
}
