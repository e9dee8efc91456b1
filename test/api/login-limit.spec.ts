/** Login is rate limited per client: the attempt past the limit gets 429, with a problem+json reason. */
import { PASSWORD, useSystem } from './api-harness';

const system = useSystem({ loginPerMinute: 3 });

it('allows 3 attempts a minute and refuses the 4th', async () => {
  for (let i = 0; i < 3; i++) {
    await system
      .http()
      .post('/api/v1/auth/login')
      .send({ username: 'dept-a', password: i === 0 ? PASSWORD : 'wrong' })
      .expect(i === 0 ? 200 : 401);
  }
  const limited = await system
    .http()
    .post('/api/v1/auth/login')
    .send({ username: 'dept-a', password: PASSWORD })
    .expect(429);
  expect(limited.headers['content-type']).toContain('application/problem+json');
  expect(limited.body.detail).toContain('尝试次数过多');
});
