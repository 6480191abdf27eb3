/**
 * Slows down password guessing: after `perLogin` failures for one login ID, or `perAddress` from one
 * address, within `windowMs`, further attempts are refused until the window has passed. Kept in memory:
 * a restart forgets it, which only helps the legitimate user.
 */
export interface LoginThrottle {
  isBlocked: (args: { login: string; ip: string }) => boolean;
  recordFailure: (args: { login: string; ip: string }) => void;
  recordSuccess: (args: { login: string }) => void;
}

export function createLoginThrottle({
  perLogin = 5,
  perAddress = 30,
  windowMs = 15 * 60_000,
  now = () => Date.now(),
}: {
  perLogin?: number;
  perAddress?: number;
  windowMs?: number;
  now?: () => number;
} = {}): LoginThrottle {
  const failures = new Map<string, number[]>();

  const recent = (key: string): number[] => {
    const cutoff = now() - windowMs;
    const list = (failures.get(key) ?? []).filter((at) => at > cutoff);
    if (list.length === 0) failures.delete(key);
    else failures.set(key, list);
    return list;
  };

  return {
    isBlocked: ({ login, ip }) =>
      recent(`login:${login}`).length >= perLogin || recent(`ip:${ip}`).length >= perAddress,
    recordFailure: ({ login, ip }) => {
      for (const key of [`login:${login}`, `ip:${ip}`]) failures.set(key, [...recent(key), now()]);
      // Bound the memory an attacker can make us hold.
      if (failures.size > 100_000) failures.clear();
    },
    recordSuccess: ({ login }) => {
      failures.delete(`login:${login}`);
    },
  };
}
