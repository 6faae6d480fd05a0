import assert from 'node:assert/strict';
import { parseConfig } from '../../../src/app';
import { audiencesFor, type BroadcastSettings } from '../../../src/features/broadcasts/settings';
import { problemsOf } from '../../support/config-problems';

describe('BROADCAST_AUDIENCES', () => {
  const settingsOf = (value: string) => parseConfig({ BROADCAST_AUDIENCES: value }).settings.broadcasts as BroadcastSettings;

  it('lets every coordinator write to every audience when unset', () => {
    assert.deepEqual(audiencesFor(settingsOf(''))('m.becker@kreis-coesfeld.example'), ['channel', 'cdos', 'municipalities', 'everyone', 'coordinators']);
  });

  it('restricts the coordinators it names, by e-mail in any case, to their audiences', () => {
    const allowed = audiencesFor(settingsOf(' T.Overbeck@kreis-coesfeld.example = coordinators, CHANNEL ; a.b@example.org=cdos'));
    assert.deepEqual(allowed('t.overbeck@kreis-coesfeld.example'), ['channel', 'coordinators']);
    assert.deepEqual(allowed('a.b@example.org'), ['cdos']);
    assert.equal(allowed('m.becker@kreis-coesfeld.example').length, 5);
  });

  it('stops the start with a line per malformed entry', () => {
    assert.deepEqual(problemsOf({ BROADCAST_AUDIENCES: 'kein-eintrag;x@y.org=mars;t@k.de=cdos;t@k.de=channel;a@b.de=' }), [
      'BROADCAST_AUDIENCES: "kein-eintrag" must be E-MAIL=AUDIENCE[,AUDIENCE…], e.g. "t.overbeck@kreis-coesfeld.example=channel,coordinators"',
      'BROADCAST_AUDIENCES: unknown audience "mars" for x@y.org; allowed are channel, cdos, municipalities, everyone, coordinators',
      'BROADCAST_AUDIENCES names t@k.de twice',
      'BROADCAST_AUDIENCES: "a@b.de=" must be E-MAIL=AUDIENCE[,AUDIENCE…], e.g. "t.overbeck@kreis-coesfeld.example=channel,coordinators"',
    ]);
  });
});
