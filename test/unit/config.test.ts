import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('configuration', () => {
  it('starts with sensible defaults on a laptop', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      siteUrl: 'http://127.0.0.1:3000',
      databaseUrl: undefined,
      secretKeyIsEphemeral: true,
    });
  });

  it('caps live streams and keeps a replay window by default, each configurable', () => {
    expect(loadConfig({})).toMatchObject({
      liveMaxStreams: 10_000,
      liveMaxStreamsPerNetwork: 20,
      liveReplayMinutes: 15,
      liveReplayEvents: 10_000,
    });
    expect(
      loadConfig({
        LIVE_MAX_STREAMS: '500',
        LIVE_MAX_STREAMS_PER_NETWORK: '4',
        LIVE_REPLAY_MINUTES: '5',
        LIVE_REPLAY_EVENTS: '100',
      }),
    ).toMatchObject({ liveMaxStreams: 500, liveMaxStreamsPerNetwork: 4, liveReplayMinutes: 5, liveReplayEvents: 100 });
    expect(() => loadConfig({ LIVE_MAX_STREAMS: 'many' })).toThrow(/LIVE_MAX_STREAMS/);
  });

  it('names every bad value at once', () => {
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        SECRET_KEY: 'short',
        SITE_URL: 'not a url',
        LOG_LEVEL: 'loud',
      });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const msg = (err as ConfigError).message;
      for (const name of ['PORT', 'DATABASE_URL', 'SECRET_KEY', 'SITE_URL', 'LOG_LEVEL']) expect(msg).toContain(name);
    }
  });

  it('takes the site time zone from SITE_TIME_ZONE, UTC without it, and refuses a name it does not know', () => {
    expect(loadConfig({}).siteTimeZone).toBe('UTC');
    expect(loadConfig({ SITE_TIME_ZONE: 'Europe/Berlin' }).siteTimeZone).toBe('Europe/Berlin');
    expect(() => loadConfig({ SITE_TIME_ZONE: 'Central European Time' })).toThrow(/SITE_TIME_ZONE must be an IANA/);
  });

  it('requires a secret key in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SECRET_KEY is required/);
  });

  it('uses secure cookies behind https', () => {
    expect(loadConfig({ SITE_URL: 'https://news.example.org/' }).secureCookies).toBe(true);
    expect(loadConfig({ SITE_URL: 'https://news.example.org/' }).siteUrl).toBe('https://news.example.org');
  });

  it('refuses values that would start a subtly wrong site', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return '';
      } catch (err) {
        return (err as ConfigError).message;
      }
    };
    expect(problems({ TRUSTED_PROXIES: '10.0.0.1, banana' })).toMatch(/TRUSTED_PROXIES .*"banana"/);
    expect(problems({ TRUSTED_PROXIES: '10.0.0.0/33' })).toContain('TRUSTED_PROXIES');
    expect(problems({ TRUSTED_PROXIES: '10.0.0.1, 192.168.0.0/16, ::1, fd00::/8' })).toBe('');
    expect(problems({ SITE_URL: 'https://news.example.org/path?x=1#f' })).toContain('query or fragment');
    expect(problems({ NODE_ENV: 'prod' })).toContain('NODE_ENV');
    for (const port of ['0x1F90', '0', '1e3', '70000']) expect(problems({ PORT: port })).toContain('PORT');
    expect(problems({ LOG_LEVEL: 'loud' })).toContain('"loud"');
  });
});
