import { entryHash, GENESIS } from './audit-log.repository';

it('hashes an entry the same before it is stored and as jsonb gives it back', () => {
  const at = new Date('2026-12-01T00:00:00Z');
  const details = { createdAt: new Date('2026-12-01T08:00:00Z'), list: [1, undefined], gone: undefined };
  const stored = JSON.parse(JSON.stringify(details));
  const entry = { at, actorId: 'cli', actorRole: 'cli', action: 'user.created', projectId: null };
  // What appendAudit hashes is the JSON round trip of the details, which is what is read back.
  expect(entryHash(GENESIS, { ...entry, details: JSON.parse(JSON.stringify(details)) })).toBe(
    entryHash(GENESIS, { ...entry, details: stored }),
  );
  expect(entryHash(GENESIS, { ...entry, details })).not.toBe(
    entryHash(GENESIS, { ...entry, details: stored }),
  );
});
