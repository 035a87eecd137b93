import { describe, expect, it } from 'vitest';
import { scheduleWords } from './PowerScheduleEditor';

describe('scheduleWords', () => {
  it('says the schedule in one line', () => {
    expect(scheduleWords({ powerOffAt: null, rebootAt: null, days: [1, 2, 3, 4, 5, 6, 7] })).toBe('未设定');
    expect(scheduleWords({ powerOffAt: '21:30', rebootAt: null, days: [1, 2, 3, 4, 5, 6, 7] })).toBe(
      '每天 21:30 关机',
    );
    expect(scheduleWords({ powerOffAt: '21:30', rebootAt: '04:00', days: [6, 1] })).toBe(
      '每周一、六 21:30 关机，04:00 重启',
    );
  });
});
