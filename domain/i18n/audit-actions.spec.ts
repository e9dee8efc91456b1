import { auditActionTitle, roleTitle } from '.';

describe('audit actions as people read them', () => {
  it('names a recorded fact by its 事项名称, in English by its type', () => {
    expect(auditActionTitle('fact.contract.signed')).toBe('登记“签订合同”');
    expect(auditActionTitle('fact.acceptance.preliminary.failed')).toBe('登记“初步验收未通过”');
    expect(auditActionTitle('fact.contract.signed', 'en')).toBe('recorded contract.signed');
  });

  it('names the project and correction actions, Chinese by default', () => {
    expect(auditActionTitle('project.registered')).toBe('登记项目');
    expect(auditActionTitle('correction.requested')).toBe('申请更正事实');
    expect(auditActionTitle('fact.refused')).toBe('登记事实被拒绝');
    expect(auditActionTitle('project.pause', 'en')).toBe('project paused');
  });

  it('keeps the code of an action it does not know, and of a fact type it does not know', () => {
    expect(auditActionTitle('something.new')).toBe('something.new');
    expect(auditActionTitle('fact.unknown.type')).toBe('登记“unknown.type”');
  });

  it('names roles', () => {
    expect(roleTitle('department')).toBe('部门');
    expect(roleTitle('system')).toBe('系统');
    expect(roleTitle('operator', 'en')).toBe('operator');
    expect(roleTitle('robot')).toBe('robot');
  });
});
