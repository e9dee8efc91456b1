/**
 * Importing projects already under way, measured in one run on the same stack: rows per second of a
 * 1,000-project workbook with histories, as a dry run and as a commit, against the same number of such
 * projects registered one POST /projects call each (concurrency 8, as the import itself registers).
 * `npm run bench:import [-- N]`.
 */
import { Workbook } from 'exceljs';
import { randomBytes } from 'node:crypto';
import { FACT_COLUMNS, PROJECT_COLUMNS } from '../apps/api/imports/import-columns';
import { type BenchStack, pool, startBenchStack } from './stack';

const HEADERS = [...PROJECT_COLUMNS.map((c) => c.header), ...FACT_COLUMNS.map((c) => c.header)];

/** Project i: a contract signed and (mostly) filed, some built; every fourth filing missing, so overdue. */
function project(prefix: string, i: number) {
  const month = 1 + (i % 6);
  const signed = `2025-0${month}-1${i % 10}`;
  const filed = `2025-0${month}-2${i % 8}`;
  return {
    code: `${prefix}-${i}`,
    name: `基准导入项目 ${prefix} 第${i}号`,
    department: i % 2 === 0 ? 'dept-a' : 'dept-b',
    events: [
      { type: 'contract.signed', on: signed },
      ...(i % 4 === 3 ? [] : [{ type: 'contract.filed', on: filed }]),
      ...(i % 5 === 0 ? [{ type: 'construction.completed', on: '2025-09-30' }] : []),
    ],
  };
}

async function workbook(prefix: string, n: number): Promise<Buffer> {
  const wb = new Workbook();
  const ws = wb.addWorksheet('项目');
  ws.addRow(HEADERS);
  for (let i = 0; i < n; i++) {
    const p = project(prefix, i);
    const on = (type: string) => p.events.find((e) => e.type === type)?.on;
    const cells: Record<string, unknown> = {
      项目编号: p.code,
      项目名称: p.name,
      部门: p.department,
      适用办法: '山东省',
      计划年度: 2025,
      '总投资 (元)': 3_500_000,
      合同签订日期: on('contract.signed'),
      合同备案日期: on('contract.filed'),
      建成日期: on('construction.completed'),
    };
    ws.addRow(HEADERS.map((h) => cells[h] ?? null));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function benchImport(stack: BenchStack, n = 1000) {
  const auth = { Authorization: `Bearer ${await stack.token('operator')}` };
  const upload = async (file: Buffer, dryRun: boolean) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)]), 'projects.xlsx');
    const t = performance.now();
    const res = await fetch(`${stack.base}/imports${dryRun ? '?dryRun=true' : ''}`, {
      method: 'POST',
      headers: auth,
      body: form,
    });
    const body = (await res.json()) as { created: number; refused: number };
    if (res.status !== 200 || body.refused)
      throw new Error(`import answered ${res.status}: ${JSON.stringify(body)}`);
    return { ms: performance.now() - t, created: body.created };
  };
  // Warm the paths (bundle load, JIT, pools) before anything is timed.
  await upload(await workbook(`warm${randomBytes(2).toString('hex')}`, 16), false);

  const prefix = `B${randomBytes(3).toString('hex')}`;
  const file = await workbook(prefix, n);
  const dry = await upload(file, true);
  const commit = await upload(file, false);
  const again = await upload(file, false);
  if (commit.created !== n || again.created !== 0)
    throw new Error('the import did not register each row once');

  const basePrefix = `P${randomBytes(3).toString('hex')}`;
  const headers = { ...auth, 'content-type': 'application/json' };
  const t = performance.now();
  await pool(n, 8, async (i) => {
    const p = project(basePrefix, i);
    const res = await fetch(`${stack.base}/projects`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        name: p.name,
        departmentId: p.department,
        policy: 'shandong',
        planYear: 2025,
        investment: 3_500_000,
        events: p.events,
      }),
    });
    if (res.status !== 201) throw new Error(`registration answered ${res.status}: ${await res.text()}`);
  });
  const baselineMs = performance.now() - t;
  const perSecond = (ms: number) => Math.round(((n * 1000) / ms) * 10) / 10;
  return {
    rows: n,
    dryRunRowsPerSecond: perSecond(dry.ms),
    commitRowsPerSecond: perSecond(commit.ms),
    reuploadRowsPerSecond: perSecond(again.ms),
    onePostEachRowsPerSecond: perSecond(baselineMs),
    commitVsOnePostEach: Math.round((baselineMs / commit.ms) * 100) / 100,
  };
}

if (require.main === module) {
  void (async () => {
    const stack = await startBenchStack();
    try {
      console.log(JSON.stringify(await benchImport(stack, Number(process.argv[2] ?? 1000)), null, 2));
    } finally {
      await stack.stop();
    }
  })();
}
