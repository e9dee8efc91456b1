import { Placeholder } from '../placeholder.page';

export function OverduePage() {
  return <Placeholder title="逾期事项" />;
}
