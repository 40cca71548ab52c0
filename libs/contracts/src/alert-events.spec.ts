import { describe, expect, it } from '@jest/globals';
import { isWeakLikeness } from './alert-events.js';

const LEVELS = { weakLikeness: 0.2, weakPlaceLikeness: 0.4, weakNewDevelopment: true };

describe('isWeakLikeness', () => {
  it('is weak below weakLikeness, or below weakPlaceLikeness when only places link it', () => {
    expect(isWeakLikeness({ reason: 'similar', similarity: 0.1, sharesPerson: true }, LEVELS)).toBe(
      true,
    );
    expect(isWeakLikeness({ reason: 'similar', similarity: 0.3, sharesPerson: true }, LEVELS)).toBe(
      false,
    );
    expect(
      isWeakLikeness({ reason: 'similar', similarity: 0.3, sharesPerson: false }, LEVELS),
    ).toBe(true);
  });

  it('is weak whatever its likeness when its headline tells news the story does not', () => {
    const released = { reason: 'similar', similarity: 0.8, sharesPerson: true, tellsNews: true };
    expect(isWeakLikeness({ ...released, reason: 'similar' }, LEVELS)).toBe(true);
    expect(
      isWeakLikeness({ ...released, reason: 'similar' }, { ...LEVELS, weakNewDevelopment: false }),
    ).toBe(false);
    expect(isWeakLikeness({ ...released, reason: 'similar', tellsNews: false }, LEVELS)).toBe(
      false,
    );
  });

  it('never takes a copy for weak', () => {
    expect(
      isWeakLikeness({ reason: 'syndicated', similarity: 0.55, tellsNews: true }, LEVELS),
    ).toBe(false);
  });
});
