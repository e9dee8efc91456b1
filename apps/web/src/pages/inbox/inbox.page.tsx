import { Placeholder } from '../placeholder.page';

export function InboxPage() {
  return <Placeholder title="消息" />;
}
