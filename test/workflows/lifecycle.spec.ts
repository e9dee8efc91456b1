/**
 * A full lifecycle per regulation, from registration to completion across the years its rules span, on
 * a time-skipping server: every reminder and escalation checked for kind and the instant it was written.
 */
import type { Worker } from '@temporalio/worker';
import type { Actor, ProjectRecord } from '../../activities/types';
import { ObligationEntity, ProjectEntity } from '../../db/entities';
import { addDays } from '../../domain';
import { projectLifecycle } from '../../workflows';
import { TASK_QUEUE } from '../../workflows/messages';
import {
  department,
  finished,
  newProject,
  notifications,
  operator,
  useTimeSkippingServers,
  today,
  worker,
  workflowIdOf,
} from './harness';
import { saveHistory } from './histories';
import { checkNotifications, kinds, remindedThenEscalated } from './notification-rules';
import { play, Step } from './steps';

const servers = useTimeSkippingServers();

async function live(project: ProjectRecord, steps: Step[]) {
  // A worker runs once: runUntil shuts it down when the test's work is done.
  const w: Worker = await worker(servers.env, servers.dataSource);
  return w.runUntil(async () => {
    const handle = await servers.env.client.workflow.start(projectLifecycle, {
      taskQueue: TASK_QUEUE,
      workflowId: workflowIdOf(project),
      args: [{ project }],
    });
    await play(servers.env, handle, steps);
    const outcome = await finished(servers.env, handle.workflowId);
    await saveHistory(`${project.policyId}-lifecycle`, handle);
    const rows = await notifications(servers.dataSource, project.id);
    const obligations = await servers.dataSource
      .getRepository(ObligationEntity)
      .find({ where: { projectId: project.id } });
    const stored = await servers.dataSource.getRepository(ProjectEntity).findOneByOrFail({ id: project.id });
    return { outcome, rows, obligations, stored };
  });
}

const rec = (record: string, as: Actor = department, extra?: Record<string, unknown>): Step => ({
  record,
  as,
  ...(extra ? { with: extra } : {}),
});

it('shandong: contract filing, year-end report, acceptance application, self-evaluation', async () => {
  const registered = await today(servers.env);
  const { outcome, rows, obligations, stored } = await live(newProject('shandong', { planYear: 2027 }), [
    rec('contract.signed'),
    // Reported on the day it registers: the report is due on 31 December of that year, and a test run
    // in December must not sleep past it.
    rec('annual-report.submitted', department, { year: Number(registered.slice(0, 4)) }),
    { sleep: '2 days' },
    rec('contract.filed'),
    { sleep: '30 days' },
    rec('construction.completed'),
    { sleep: '100 days' },
    rec('acceptance.applied'),
    rec('acceptance.passed', operator),
    rec('operation.started'),
    { sleep: '370 days' },
    rec('self-evaluation.submitted'),
  ]);
  expect(outcome).toBe('completed');
  expect(stored.status).toBe('completed');
  expect(checkNotifications(rows)).toEqual([]);
  remindedThenEscalated(kinds(rows, 'acceptance.application'));
  expect(kinds(rows, 'self-evaluation')).toEqual(['opens']);
  expect(obligations.map((o) => [o.key, o.status]).sort()).toEqual([
    ['acceptance.application', 'met-late'],
    [`annual-report.${registered.slice(0, 4)}`, 'met'],
    ['contract.filing', 'met'],
    ['self-evaluation', 'met'],
  ]);
});

it('wuhan: acceptance within six months, then self-evaluation 12 to 24 months after operation', async () => {
  const registered = await today(servers.env);
  const { outcome, rows, obligations } = await live(newProject('wuhan'), [
    rec('contract.signed'),
    rec('annual-report.submitted', department, { year: Number(registered.slice(0, 4)) }),
    rec('construction.completed'),
    { sleep: '190 days' },
    rec('acceptance.passed', operator),
    rec('operation.started'),
    { sleep: '400 days' },
    rec('self-evaluation.submitted'),
  ]);
  expect(outcome).toBe('completed');
  expect(checkNotifications(rows)).toEqual([]);
  remindedThenEscalated(kinds(rows, 'acceptance.completion'));
  expect(kinds(rows, 'self-evaluation')).toEqual(['opens']);
  expect(obligations.find((o) => o.key === 'acceptance.completion')?.status).toBe('met-late');
});

it('jilin: a failed preliminary acceptance, rectification, 20 working days of stable trial run', async () => {
  const plannedAcceptanceOn = addDays(await today(servers.env), 150);
  const { outcome, rows, obligations } = await live(newProject('jilin', { plannedAcceptanceOn }), [
    rec('construction.completed'),
    rec('trial-run.started'),
    { sleep: '5 days' },
    rec('acceptance.preliminary.failed'),
    { sleep: '40 days' },
    rec('rectification.completed'),
    rec('acceptance.preliminary.passed'),
    rec('trial-run.stable'),
    { sleep: '35 days' },
    rec('acceptance.applied'),
    rec('acceptance.passed', operator),
  ]);
  expect(outcome).toBe('completed');
  expect(checkNotifications(rows)).toEqual([]);
  remindedThenEscalated(kinds(rows, 'rectification'));
  expect(kinds(rows, 'acceptance.application')[0]).toBe('opens');
  expect(obligations.map((o) => [o.key, o.status]).sort()).toEqual([
    ['acceptance.application', 'met'],
    ['rectification', 'met-late'],
  ]);
});

it('yunfu: plan filing by 30 November escalates until filed; the approval is used within two years', async () => {
  const planYear = Number((await today(servers.env)).slice(0, 4)) + 2;
  const dueOn = `${planYear - 1}-11-30`;
  const { outcome, rows, obligations, stored } = await live(
    newProject('yunfu', { planYear, investment: 2_500_000 }),
    [
      { sleepUntil: addDays(dueOn, 10) },
      rec('plan.filed'),
      rec('project.approved', operator),
      { sleep: '30 days' },
      rec('contract.signed'),
      rec('construction.completed'),
      { sleep: '5 days' },
      rec('acceptance.passed', operator),
    ],
  );
  expect(outcome).toBe('completed');
  expect(checkNotifications(rows)).toEqual([]);
  remindedThenEscalated(kinds(rows, 'plan.filing'));
  expect(obligations.map((o) => [o.key, o.status]).sort()).toEqual([
    ['approval.use', 'met'],
    ['plan.filing', 'met-late'],
  ]);
  // Registered after 第二十八条's end date: every view carries the flag.
  expect(stored.flags).toEqual([expect.objectContaining({ code: 'policy-not-in-force' })]);
});

it('jinhu: a key project registered after 30 September is escalated at once; it applies after two months of trial run', async () => {
  // Plan year = this year: its plan was due 30 September of last year, so the project starts overdue.
  const planYear = Number((await today(servers.env)).slice(0, 4));
  const { outcome, rows, obligations } = await live(newProject('jinhu', { planYear, category: 'key' }), [
    { sleep: '8 days' },
    rec('plan.filed'),
    rec('construction.completed'),
    rec('trial-run.started'),
    { sleep: '70 days' },
    rec('acceptance.applied'),
    rec('acceptance.passed', operator),
  ]);
  expect(outcome).toBe('completed');
  expect(checkNotifications(rows)).toEqual([]);
  // Overdue on registration: announced at once; the escalation rounds already past are not replayed,
  // the next ones follow every 5 working days.
  const planKinds = kinds(rows, 'plan.filing');
  expect(planKinds[0]).toBe('overdue-notice');
  expect(planKinds.length).toBeGreaterThan(1);
  expect(planKinds.slice(1).every((k) => k.startsWith('escalation'))).toBe(true);
  expect(kinds(rows, 'acceptance.application')).toEqual(['opens']);
  expect(obligations.map((o) => [o.key, o.status]).sort()).toEqual([
    ['acceptance.application', 'met'],
    ['plan.filing', 'met-late'],
  ]);
});
