import { expect, it } from 'vitest';
import { failureMessages, receiptNotPrintedNotice } from './receiptNotice';

it('tells the villager why and gives the tracking number on screen and spoken digit by digit', () => {
  const n = receiptNotPrintedNotice('XF01-20261129-0007', 'paper-out');
  expect(n.screenZh).toContain('没纸');
  expect(n.screenZh).toContain('XF01-20261129-0007');
  expect(n.speechZh).toContain('X F 零 一 二 零 二 六');
  expect(failureMessages('write-error').en).toMatch(/link/);
  expect(failureMessages('interrupted').zh).toContain('重启');
});
