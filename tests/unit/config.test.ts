import { loadConfig } from '../../src/config';

describe('CASCADE_SCHEDULE_CHECK_SECONDS', () => {
  it("defaults to pg-boss's 30 s and accepts 1–45 (pg-boss's own bounds)", () => {
    expect(loadConfig({}).CASCADE_SCHEDULE_CHECK_SECONDS).toBe(30);
    expect(loadConfig({ CASCADE_SCHEDULE_CHECK_SECONDS: '1' }).CASCADE_SCHEDULE_CHECK_SECONDS).toBe(1);
    expect(() => loadConfig({ CASCADE_SCHEDULE_CHECK_SECONDS: '0' })).toThrow(/CASCADE_SCHEDULE_CHECK_SECONDS/);
    expect(() => loadConfig({ CASCADE_SCHEDULE_CHECK_SECONDS: '46' })).toThrow(/CASCADE_SCHEDULE_CHECK_SECONDS/);
  });
});
