import { daysRecordedLate, LATE_RECORDING_DAYS } from './late-recording';

describe('daysRecordedLate', () => {
  it('is null up to the threshold and the number of days past it', () => {
    expect(LATE_RECORDING_DAYS).toBe(7);
    expect(daysRecordedLate('2026-11-17', '2026-11-24')).toBeNull();
    expect(daysRecordedLate('2026-11-16', '2026-11-24')).toBe(8);
    expect(daysRecordedLate('2026-08-03', '2026-11-24')).toBe(113);
    expect(daysRecordedLate('2026-11-24', '2026-11-24')).toBeNull();
  });
});
