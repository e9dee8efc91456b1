/** Correcting a fact recorded wrong (issue 10): the `correctFact` update, its refusals, its 【更正】 notices. */
import type { WorkflowHandle } from '@temporalio/client';
import { NotificationEntity, ObligationEntity } from '../../db/entities';
import { addDays, WorkingCalendar } from '../../domain';
import { correctFactUpdate, recordEventUpdate, statusQuery } from '../../workflows/messages';
import {
  admin,
  department,
  isolate,
  newProject,
  notifications,
  operator,
  today,
  useTimeSkippingServers,
  worker,
} from './harness';
import { saveHistory } from './histories';

const calendar = WorkingCalendar.standard();
const servers = useTimeSkippingServers();
const isolation = isolate(() => servers.env);

const dueOf = async (projectId: string, key: string) =>
  (await servers.dataSource.getRepository(ObligationEntity).findOneByOrFail({ projectId, key })).dueOn;

it('a signing date typed wrong is corrected: the filing moves, the overdue notice sent on it gets a 【更正】', async () => {
  const project = newProject('shandong', { planYear: 2025, investment: 3_500_000 });
  const w = await worker(servers.env, servers.dataSource, isolation.taskQueue());
  await w.runUntil(async () => {
    const handle = await isolation.start(project);
    const now = await today(servers.env);
    const typedOn = addDays(now, -30);
    await handle.executeUpdate(recordEventUpdate, {
      args: [{ event: { type: 'contract.signed', on: typedOn }, actor: department }],
      updateId: 'signed',
    });
    expect(await dueOf(project.id, 'contract.filing')).toBe(calendar.addWorkingDays(typedOn, 5));
    const overdue = (await notifications(servers.dataSource, project.id)).filter(
      (n) => n.kind === 'overdue-notice' && n.obligationKey === 'contract.filing',
    );
    expect(overdue).toHaveLength(1);
    // As the dispatcher would have: the notice went out.
    await servers.dataSource
      .getRepository(NotificationEntity)
      .update({ id: overdue[0]!.id }, { fannedOutAt: new Date() });

    const rightOn = addDays(now, -1);
    const input = {
      actor: operator,
      correctionId: 'c-1',
      factKey: 'signed',
      kind: 'date' as const,
      on: rightOn,
      reason: '合同签订日期录入错误，以合同原件为准',
    };
    const corrected = await handle.executeUpdate(correctFactUpdate, {
      args: [input],
      updateId: 'correction-c-1',
    });
    const newDue = calendar.addWorkingDays(rightOn, 5);
    expect(corrected.obligations.find((o) => o.key === 'contract.filing')).toMatchObject({
      dueOn: newDue,
      status: 'open',
    });
    expect(await dueOf(project.id, 'contract.filing')).toBe(newDue);
    const fact = (await handle.query(statusQuery)).facts[0]!;
    expect(fact).toMatchObject({ idempotencyKey: 'signed', event: { on: rightOn }, actor: department });

    const told = (await notifications(servers.dataSource, project.id)).filter((n) => n.kind === 'correction');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({
      audience: overdue[0]!.audience,
      departmentId: project.departmentId,
      dueOn: newDue,
    });
    const message = (told[0]!.payload as { message: string }).message;
    expect(message).toMatch(/^【更正】/);
    expect(message).toContain(`由 ${typedOn} 更正为 ${rightOn}`);
    expect(message).toContain('合同签订日期录入错误');

    // The same update id again: answered, nothing applied twice.
    const again = await handle.executeUpdate(correctFactUpdate, {
      args: [input],
      updateId: 'correction-c-1',
    });
    expect(again.factIndex).toBe(corrected.factIndex);
    expect(
      (await notifications(servers.dataSource, project.id)).filter((n) => n.kind === 'correction'),
    ).toHaveLength(1);

    // A correction the engine refuses changes nothing: contract.filed depends on contract.signed.
    await handle.executeUpdate(recordEventUpdate, {
      args: [{ event: { type: 'contract.filed', on: now }, actor: department }],
      updateId: 'filed',
    });
    await expect(
      handle.executeUpdate(correctFactUpdate, {
        args: [{ ...input, correctionId: 'c-2', kind: 'withdraw', on: undefined }],
      }),
    ).rejects.toMatchObject({
      cause: {
        type: 'CorrectionRefused',
        message: expect.stringMatching(/^撤回「签订合同」.*未予更正：「合同备案」/),
        details: [{ en: expect.stringMatching(/^withdrawing contract\.signed .* contract\.filed/) }],
      },
    });
    await expect(
      handle.executeUpdate(correctFactUpdate, {
        args: [{ ...input, correctionId: 'c-3', actor: department }],
      }),
    ).rejects.toMatchObject({ cause: { message: expect.stringContaining('只有局方人员') } });
    expect((await handle.query(statusQuery)).facts.map((f) => f.event.type)).toEqual([
      'contract.signed',
      'contract.filed',
    ]);

    // Withdrawing the later fact: gone from the facts and the read model, the filing open again.
    const withdrawn = await handle.executeUpdate(correctFactUpdate, {
      args: [
        { ...input, actor: admin, correctionId: 'c-4', factKey: 'filed', kind: 'withdraw', on: undefined },
      ],
    });
    expect(withdrawn.obligations.find((o) => o.key === 'contract.filing')?.status).toBe('open');
    expect((await handle.query(statusQuery)).facts).toHaveLength(1);
    await saveHistory('shandong-correction', handle as WorkflowHandle);
  });
});

it('a correction after continue-as-new: the carried facts are corrected and stay so', async () => {
  const project = newProject('shandong', { planYear: 2025, investment: 3_500_000 });
  const w = await worker(servers.env, servers.dataSource, isolation.taskQueue());
  await w.runUntil(async () => {
    const handle = await isolation.start(project, { historyLimit: 40 });
    const now = await today(servers.env);
    await handle.executeUpdate(recordEventUpdate, {
      args: [{ event: { type: 'contract.signed', on: addDays(now, -10) }, actor: department }],
      updateId: 'signed',
    });
    const change = { type: 'change.requested', on: now, amount: 1, newTotal: 3_500_000 } as const;
    for (let i = 0; i < 6; i++) {
      await handle.executeUpdate(recordEventUpdate, {
        args: [{ event: change, actor: department }],
        updateId: `change-${i}`,
      });
    }
    const latest = servers.env.client.workflow.getHandle(handle.workflowId);
    expect((await latest.describe()).runId).not.toBe(handle.firstExecutionRunId);
    const rightOn = addDays(now, -2);
    await latest.executeUpdate(correctFactUpdate, {
      args: [
        {
          actor: admin,
          correctionId: 'c-can',
          factKey: 'signed',
          kind: 'date',
          on: rightOn,
          reason: '录入错误',
        },
      ],
      updateId: 'correction-c-can',
    });
    expect((await latest.query(statusQuery)).facts[0]?.event.on).toBe(rightOn);
    expect(await dueOf(project.id, 'contract.filing')).toBe(calendar.addWorkingDays(rightOn, 5));
    // More facts, another continue-as-new: the correction is carried.
    for (let i = 6; i < 12; i++) {
      await latest.executeUpdate(recordEventUpdate, {
        args: [{ event: change, actor: department }],
        updateId: `change-${i}`,
      });
    }
    expect((await latest.query(statusQuery)).facts[0]?.event.on).toBe(rightOn);
  });
});
