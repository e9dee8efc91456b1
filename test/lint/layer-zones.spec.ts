/**
 * The layer zones of eslint.config.mjs trigger: ESLint's Node API lints small in-memory sources as
 * if they sat in each layer, with the project's own configuration. ESLint loads that configuration
 * as an ES module, which Jest's module sandbox cannot, so the linting runs in a child Node process.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

interface Case {
  file: string;
  code: string;
}

function ruleHits(cases: Case[]): string[][] {
  const script = `
    const { ESLint } = require('eslint');
    const cases = JSON.parse(process.argv[1]);
    (async () => {
      const eslint = new ESLint({ cwd: process.cwd() });
      const out = [];
      for (const c of cases) {
        const [result] = await eslint.lintText(c.code, { filePath: c.file });
        out.push(result.messages.filter((m) => m.ruleId === 'layers/zones').map((m) => m.message));
      }
      process.stdout.write(JSON.stringify(out));
    })().catch((e) => { console.error(e); process.exit(1); });`;
  const stdout = execFileSync(process.execPath, ['-e', script, JSON.stringify(cases)], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return JSON.parse(stdout);
}

const FORBIDDEN: Case[] = [
  { file: 'domain/engine/zone-fixture.ts', code: "import { ENTITIES } from '../../db/entities';" },
  { file: 'db/zone-fixture.ts', code: "import { hashPassword } from '../apps/api/auth/password';" },
  { file: 'db/zone-fixture.ts', code: "export { statusQuery } from '../workflows/messages';" },
  { file: 'db/zone-fixture.ts', code: "import { createActivities } from '../activities';" },
  { file: 'workflows/zone-fixture.ts', code: "import { ENTITIES } from '../db/entities';" },
  { file: 'workflows/zone-fixture.ts', code: "import { createActivities } from '../activities';" },
  { file: 'activities/zone-fixture.ts', code: "import { statusQuery } from '../workflows/messages';" },
  { file: 'activities/zone-fixture.ts', code: "import { createApp } from '../apps/api/app';" },
  { file: 'apps/api/x/zone-fixture.ts', code: "import { planScheduleId } from '../../worker/schedules';" },
  { file: 'apps/api/x/zone-fixture.ts', code: "const d = require('../../dispatcher/dispatcher');" },
  { file: 'apps/worker/zone-fixture.ts', code: "import { createApp } from '../api/app';" },
  { file: 'apps/dispatcher/zone-fixture.ts', code: "import('../worker/worker');" },
];

const ALLOWED: Case[] = [
  { file: 'domain/engine/zone-fixture.ts', code: "import { POLICIES } from '../policies';" },
  { file: 'db/zone-fixture.ts', code: "import { addDays } from '../domain';" },
  {
    file: 'workflows/zone-fixture.ts',
    code: "import type { Activities } from '../activities';\nimport { addDays } from '../domain';",
  },
  { file: 'workflows/zone-fixture.ts', code: "import { type Actor } from '../activities/types';" },
  { file: 'activities/zone-fixture.ts', code: "import { ENTITIES } from '../db/entities';" },
  {
    file: 'apps/api/x/zone-fixture.ts',
    code: "import { requeueDeliveries } from '../../../db/repositories/deliveries.repository';\nimport { planScheduleId } from '../../../workflows/messages';\nimport { AuditService } from '../audit/audit.service';",
  },
  { file: 'apps/start/zone-fixture.ts', code: "import { createApp } from '../api/app';" },
  { file: 'domain/engine/zone-fixture.spec.ts', code: "import { run } from '../../test/engine-helpers';" },
];

it('reports every import that crosses a layer zone, naming it', () => {
  const hits = ruleHits(FORBIDDEN);
  FORBIDDEN.forEach((c, i) => {
    expect({ case: c, hits: hits[i]?.length }).toEqual({ case: c, hits: 1 });
  });
  expect(hits[1]?.[0]).toContain('db/zone-fixture.ts may not import apps/api/auth/password');
  expect(hits[5]?.[0]).toContain('with `import type` only');
});

it('lets each layer import itself and the layers below it', () => {
  const hits = ruleHits(ALLOWED);
  ALLOWED.forEach((c, i) => expect({ case: c, hits: hits[i] }).toEqual({ case: c, hits: [] }));
});
