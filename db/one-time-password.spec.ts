import { oneTimePassword } from './one-time-password';
import { passwordProblem } from './password-rules';

describe('oneTimePassword', () => {
  it('always meets the password rules, never repeats, and avoids look-alike characters', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const password = oneTimePassword('ab');
      expect(passwordProblem(password, 'ab')).toBeNull();
      expect(password).toHaveLength(16);
      expect(password).not.toMatch(/[0O1lI]/);
      seen.add(password);
    }
    expect(seen.size).toBe(500);
  });
});
