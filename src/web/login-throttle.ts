import { RateLimiterMemory } from 'rate-limiter-flexible';

export interface LoginThrottleOptions {
  perAccountAndIp: number; // failed attempts for one username from one IP
  perAccount: number; // failed attempts for one username from anywhere
  perIp: number; // failed attempts from one IP for any username
  windowSeconds: number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottleOptions = {
  perAccountAndIp: 5,
  perAccount: 20,
  perIp: 50,
  windowSeconds: 15 * 60,
};

/** Counts failed log-ins per account+IP, per account and per IP; blocks for the window once over. */
export class LoginThrottle {
  private readonly accountIp: RateLimiterMemory;
  private readonly account: RateLimiterMemory;
  private readonly ip: RateLimiterMemory;

  constructor(opts: LoginThrottleOptions = DEFAULT_LOGIN_THROTTLE) {
    const duration = opts.windowSeconds;
    this.accountIp = new RateLimiterMemory({ points: opts.perAccountAndIp, duration, blockDuration: duration });
    this.account = new RateLimiterMemory({ points: opts.perAccount, duration, blockDuration: duration });
    this.ip = new RateLimiterMemory({ points: opts.perIp, duration, blockDuration: duration });
  }

  /** Seconds to wait before another attempt is allowed, or 0. */
  async retryAfter(username: string, ip: string): Promise<number> {
    const keys: [RateLimiterMemory, string][] = [
      [this.accountIp, `${username.toLowerCase()}|${ip}`],
      [this.account, username.toLowerCase()],
      [this.ip, ip],
    ];
    let wait = 0;
    for (const [limiter, key] of keys) {
      const res = await limiter.get(key);
      if (res && res.consumedPoints >= limiter.points) wait = Math.max(wait, Math.ceil(res.msBeforeNext / 1000));
    }
    return wait;
  }

  async recordFailure(username: string, ip: string): Promise<void> {
    const swallow = () => undefined; // over the limit: the rejection is expected
    await Promise.all([
      this.accountIp.consume(`${username.toLowerCase()}|${ip}`).catch(swallow),
      this.account.consume(username.toLowerCase()).catch(swallow),
      this.ip.consume(ip).catch(swallow),
    ]);
  }

  async recordSuccess(username: string, ip: string): Promise<void> {
    await this.accountIp.delete(`${username.toLowerCase()}|${ip}`);
  }
}
