/**
 * `npm start` until the servers exist: runs the deadline engine over the worked examples and prints each
 * project's obligations as an operator would read them.
 */
import examples from '../../test/fixtures/examples.json';
import { citationOf, findPolicy, isCaseError, simulateCase, STATUS_LABELS } from '../../domain';

for (const example of examples) {
  const outcome = simulateCase(example.case);
  const policy = findPolicy(example.case.policy);
  console.log(`\n■ ${example.name}\n  ${policy?.name ?? example.case.policy}，判断日 ${example.case.asOf}`);
  if (isCaseError(outcome)) {
    console.log(`  无法读取：${outcome.error}`);
    continue;
  }
  for (const o of outcome.obligations) {
    const window = [o.opensOn && `自 ${o.opensOn}`, o.dueOn && `至 ${o.dueOn}`].filter(Boolean).join(' ');
    console.log(
      `  - ${o.title}（${o.key}）${window}：${STATUS_LABELS[o.status]}${o.provisional ? '（暂定）' : ''}，依据${citationOf(o.basis)}`,
    );
  }
  for (const r of outcome.requirements) console.log(`  · 要求：${r.title}（${citationOf(r.basis)}）`);
  for (const c of outcome.changes)
    console.log(`  · 变更（事件 ${c.event}）：${c.path}，${c.reason}（${citationOf(c.basis)}）`);
  for (const r of outcome.rejected) console.log(`  × 事件 ${r.event} 被拒绝：${r.reason}`);
}
console.log('\n用法：npm run --silent deadlines -- FILE.json（详见 README）');
