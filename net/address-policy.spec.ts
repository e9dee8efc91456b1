import { allowEntryProblem, AllowList, isSpecialAddress } from './address-policy';

describe('isSpecialAddress', () => {
  it.each([
    '127.0.0.1',
    '127.255.0.9',
    '0.0.0.0',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:a9fe:a9fe',
  ])('refuses %s', (ip) => expect(isSpecialAddress(ip)).toBe(true));

  it.each(['8.8.8.8', '114.114.114.114', '172.32.0.1', '2400:3200::1', '::ffff:808:808'])(
    'lets the public address %s through',
    (ip) => expect(isSpecialAddress(ip)).toBe(false),
  );
});

describe('AllowList', () => {
  const allow = new AllowList(['oa.gov.internal', 'gw.local:8443', '10.20.0.0/16', '192.168.1.5']);

  it('allows hosts by name, with or without a port', () => {
    expect(allow.allowsHost('OA.gov.internal', '80')).toBe(true);
    expect(allow.allowsHost('gw.local', '8443')).toBe(true);
    expect(allow.allowsHost('gw.local', '80')).toBe(false);
  });

  it('allows addresses inside its networks only', () => {
    expect(allow.allowsAddress('10.20.3.4')).toBe(true);
    expect(allow.allowsAddress('::ffff:10.20.3.4')).toBe(true);
    expect(allow.allowsAddress('10.21.0.1')).toBe(false);
    expect(allow.allowsAddress('192.168.1.5')).toBe(true);
    expect(allow.allowsAddress('127.0.0.1')).toBe(false);
  });

  it('names entries that are none of host, host:port, address or network', () => {
    expect(allowEntryProblem('10.0.0.0/8')).toBeNull();
    expect(allowEntryProblem('oa.example.gov.cn:8080')).toBeNull();
    expect(allowEntryProblem('10.0.0.0/33')).toContain('不是有效的网段');
    expect(allowEntryProblem('http://x/')).toContain('不是主机名');
  });
});
