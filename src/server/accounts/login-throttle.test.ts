import { describe, expect, test } from 'vitest';
import { createLoginThrottle } from './login-throttle.js';

describe('the login throttle', () => {
  test('blocks a login ID after five failures within fifteen minutes, and lets it in again after', () => {
    let now = 0;
    const throttle = createLoginThrottle({ now: () => now });
    for (let i = 0; i < 5; i++) {
      expect(throttle.isBlocked({ login: 'clerk', ip: `10.0.0.${i}` })).toBe(false);
      throttle.recordFailure({ login: 'clerk', ip: `10.0.0.${i}` });
    }
    expect(throttle.isBlocked({ login: 'clerk', ip: '10.0.0.99' })).toBe(true);
    expect(throttle.isBlocked({ login: 'another', ip: '10.0.0.99' })).toBe(false);
    now += 15 * 60_000 + 1;
    expect(throttle.isBlocked({ login: 'clerk', ip: '10.0.0.99' })).toBe(false);
  });

  test('blocks an address that tries many login IDs', () => {
    const throttle = createLoginThrottle({ perAddress: 3 });
    for (const login of ['a', 'b', 'c']) throttle.recordFailure({ login, ip: '192.0.2.1' });
    expect(throttle.isBlocked({ login: 'd', ip: '192.0.2.1' })).toBe(true);
    expect(throttle.isBlocked({ login: 'd', ip: '192.0.2.2' })).toBe(false);
  });

  test('a successful login clears the failures of that login ID', () => {
    const throttle = createLoginThrottle({ perLogin: 2 });
    throttle.recordFailure({ login: 'clerk', ip: '1' });
    throttle.recordSuccess({ login: 'clerk' });
    throttle.recordFailure({ login: 'clerk', ip: '1' });
    expect(throttle.isBlocked({ login: 'clerk', ip: '1' })).toBe(false);
  });
});
