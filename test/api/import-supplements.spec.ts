/**
 * 补录: a workbook uploaded again after its rows gained later fact dates records the new facts on the
 * projects it registered, and says per row and column what was added; a date that differs from the one
 * recorded is not changed (that is a correction) but reported; the same file once more changes nothing.
 */
import { randomBytes } from 'node:crypto';
import { In } from 'typeorm';
import { AuditEntryEntity, FactEntity, ProjectEntity } from '../../db/entities';
import { useSystem } from './api-harness';
import { day, generatedProject, workbook } from './import-workbooks';

const system = useSystem();
const upload = async (file: Buffer, dryRun: boolean) =>
  system
    .http()
    .post(`/api/v1/imports${dryRun ? '?dryRun=true' : ''}`)
    .set('Authorization', `Bearer ${await system.token('operator')}`)
    .attach('file', file, 'projects.xlsx')
    .expect(200);

const prefix = `SUP${randomBytes(3).toString('hex')}`;
// Project 3 never filed its contract; projects 4 and 6 did. Sheet rows 2, 3 and 4.
const first = [3, 4, 6].map((i) => generatedProject(prefix, i));
const codes = first.map((r) => String(r.项目编号));

async function factsByCode(): Promise<Record<string, string[]>> {
  const projects = await system.dataSource.getRepository(ProjectEntity).findBy({ code: In(codes) });
  const facts = await system.dataSource
    .getRepository(FactEntity)
    .find({ where: { projectId: In(projects.map((p) => p.id)) }, order: { eventIndex: 'ASC' } });
  const out: Record<string, string[]> = {};
  for (const p of projects) {
    out[p.code as string] = facts
      .filter((f) => f.projectId === p.id)
      .map((f) => {
        const e = f.payload as { type: string; on: string };
        return `${e.type}@${e.on}`;
      });
  }
  return out;
}

it('records the fact dates rows gained since their import, reports each by row and column, and changes nothing a second time', async () => {
  const registered = await upload(await workbook(first), false);
  expect(registered.body).toMatchObject({ created: 3, refused: 0, supplemented: 0, additions: [] });
  const same = await upload(await workbook(first), false);
  expect(same.body).toMatchObject({ created: 0, unchanged: 3, supplemented: 0, additions: [], problems: [] });
  const before = await factsByCode();
  expect(before[codes[0]!]!.some((f) => f.startsWith('contract.filed@'))).toBe(false);

  // Row 2 now has its contract filing and its completion; row 3's signing date was typed differently.
  const later = [
    { ...first[0]!, 合同备案日期: day('2025-04-30'), 建成日期: day('2025-10-31') },
    { ...first[1]!, 合同签订日期: day('2025-02-03') },
    first[2]!,
  ];
  const file = await workbook(later);
  const dry = await upload(file, true);
  expect(dry.body).toMatchObject({ dryRun: true, created: 0, unchanged: 1, supplemented: 1, refused: 1 });
  expect(dry.body.additions).toEqual([
    { row: 2, column: '合同备案日期', type: 'contract.filed', on: '2025-04-30' },
    { row: 2, column: '建成日期', type: 'construction.completed', on: '2025-10-31' },
  ]);
  expect(dry.body.problems).toEqual([
    {
      row: 3,
      column: '合同签订日期',
      problem: expect.stringMatching(
        /^「签订合同」已记录为 2025-0\d-1\d，与本次的 2025-02-03 不同；.*更正申请$/,
      ),
    },
  ]);
  expect(await factsByCode()).toEqual(before);

  const committed = await upload(file, false);
  expect(committed.body).toMatchObject({
    dryRun: false,
    created: 0,
    unchanged: 1,
    supplemented: 1,
    refused: 1,
  });
  expect(committed.body.additions).toEqual(dry.body.additions);
  const after = await factsByCode();
  expect(after[codes[0]!]).toEqual([
    ...before[codes[0]!]!,
    'contract.filed@2025-04-30',
    'construction.completed@2025-10-31',
  ]);
  expect(after[codes[1]!]).toEqual(before[codes[1]!]);
  expect(after[codes[2]!]).toEqual(before[codes[2]!]);
  // Other files share the database: only this file's projects' entries count.
  const mine = await system.dataSource.getRepository(ProjectEntity).findBy({ code: In(codes) });
  const audit = await system.dataSource.getRepository(AuditEntryEntity).find({
    where: {
      action: In(['fact.contract.filed', 'fact.construction.completed']),
      projectId: In(mine.map((p) => p.id)),
    },
  });
  expect(audit.map((a) => a.actorRole)).toEqual(['operator', 'operator']);

  const again = await upload(file, false);
  expect(again.body).toMatchObject({ created: 0, unchanged: 2, supplemented: 0, additions: [], refused: 1 });
  expect(await factsByCode()).toEqual(after);
}, 120_000);
