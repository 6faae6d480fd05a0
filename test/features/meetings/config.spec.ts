import assert from 'node:assert/strict';
import { parseConfig } from '../../../src/app';
import { problemsOf } from '../../support/config-problems';

describe('meeting configuration', () => {
  it('defaults to reminders 7 days, 1 day and 1 hour before, meetings of 120 minutes and the group’s title', () => {
    assert.deepEqual(parseConfig({}).settings.meetings, {
      reminders: [
        { label: '7d', amount: 7, unit: 'd' },
        { label: '1d', amount: 1, unit: 'd' },
        { label: '1h', amount: 1, unit: 'h' },
      ],
      defaultMinutes: 120,
      defaultTitle: 'Sitzung der AG Digitalisierung',
      calendarUrl: '',
    });
  });

  it('takes the variables from the environment; "off" turns reminders off', () => {
    const config = parseConfig({ MEETING_REMINDERS: ' 2m, 1m ', MEETING_DEFAULT_MINUTES: '90', MEETING_DEFAULT_TITLE: 'Treffen der Digitallotsen', MEETING_CALENDAR_URL: 'https://kuemmerer.example.org/' });
    assert.deepEqual(config.settings.meetings, {
      reminders: [
        { label: '2m', amount: 2, unit: 'm' },
        { label: '1m', amount: 1, unit: 'm' },
      ],
      defaultMinutes: 90,
      defaultTitle: 'Treffen der Digitallotsen',
      calendarUrl: 'https://kuemmerer.example.org',
    });
    assert.deepEqual((parseConfig({ MEETING_REMINDERS: 'off' }).settings.meetings as { reminders: unknown }).reminders, []);
  });

  it('refuses reminder offsets it cannot read, repeats and ones beyond 60 days', () => {
    const problem = (detail: string) => `MEETING_REMINDERS must be offsets like "7d,1d,1h" (units d, h, m) or "off": ${detail}`;
    assert.deepEqual(problemsOf({ MEETING_REMINDERS: '7 Tage' }), [problem('"7 Tage" is not a number above 0 followed by d, h or m')]);
    assert.deepEqual(problemsOf({ MEETING_REMINDERS: '1d,0h' }), [problem('"0h" is not a number above 0 followed by d, h or m')]);
    assert.deepEqual(problemsOf({ MEETING_REMINDERS: '1d,1d' }), [problem('"1d" is given twice')]);
    assert.deepEqual(problemsOf({ MEETING_REMINDERS: '61d' }), [problem('"61d" is more than 60 days')]);
  });

  it('refuses a meeting length out of range, a title over 200 characters and a calendar address that is not http(s)', () => {
    assert.deepEqual(problemsOf({ MEETING_DEFAULT_MINUTES: '0' }), ['MEETING_DEFAULT_MINUTES must be a whole number from 5 to 1440, got "0"']);
    assert.deepEqual(problemsOf({ MEETING_DEFAULT_TITLE: 'x'.repeat(201) }), ['MEETING_DEFAULT_TITLE must be at most 200 characters, got 201']);
    assert.deepEqual(problemsOf({ MEETING_CALENDAR_URL: 'kuemmerer.example.org' }), ['MEETING_CALENDAR_URL must be an http(s) address without query, e.g. "https://kuemmerer.example.org", got "kuemmerer.example.org"']);
  });
});
