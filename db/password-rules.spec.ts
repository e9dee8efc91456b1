import { passwordProblem } from './password-rules';

describe('passwordProblem', () => {
  it('accepts a long password of three classes that is not the username', () => {
    expect(passwordProblem('Zhengwu-2026-ok', 'dept-a')).toBeNull();
    expect(passwordProblem('zhengwu2026!!xx', 'dept-a')).toBeNull();
  });

  it.each([
    ['Short-1a', '至少需要 12 个字符'],
    ['alllowercaseletters', '至少三类'],
    ['lowercase123456', '至少三类'],
    ['My-dept-a-Pass1', '不能包含用户名'],
  ])('refuses %j', (password, problem) => {
    expect(passwordProblem(password, 'dept-a')).toContain(problem);
  });

  it('names the field it checks', () => {
    expect(passwordProblem('x', 'u', 'password')).toContain('「password」');
  });
});
