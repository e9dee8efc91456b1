import { Placeholder } from '../placeholder.page';

export function DueSoonPage() {
  return <Placeholder title="即将到期" />;
}
