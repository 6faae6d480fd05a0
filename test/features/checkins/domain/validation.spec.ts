import assert from 'node:assert/strict';
import { validateStatusInputs } from '../../../../src/features/checkins/domain/answers';

const valid = { phase: 'implementation', light: 'yellow', progress: '40', happened: 'Pilot gestartet', next: 'Rollout', blockers: '', funding: '' };

describe('check-in input validation', () => {
  it('accepts the inputs as Teams sends them (strings) and trims the texts', () => {
    const result = validateStatusInputs({ ...valid, happened: '  Pilot gestartet \n' });
    assert.deepEqual(result.errors, {});
    assert.deepEqual(result.fields, { phase: 'implementation', light: 'yellow', progress: 40, happened: 'Pilot gestartet', next: 'Rollout', blockers: '', funding: '' });
  });

  it('takes progress as optional and also as a number', () => {
    assert.equal(validateStatusInputs({ ...valid, progress: '' }).fields?.progress, undefined);
    assert.equal(validateStatusInputs({ ...valid, progress: undefined }).fields?.progress, undefined);
    assert.equal(validateStatusInputs({ ...valid, progress: 100 }).fields?.progress, 100);
    assert.equal(validateStatusInputs({ ...valid, progress: '0' }).fields?.progress, 0);
  });

  it('requires the traffic light and the phase', () => {
    const result = validateStatusInputs({ ...valid, light: '', phase: undefined });
    assert.deepEqual(result.errors, { light: { code: 'required' }, phase: { code: 'required' } });
    assert.equal(result.fields, undefined);
  });

  it('refuses choices that are not offered', () => {
    assert.deepEqual(validateStatusInputs({ ...valid, light: 'blue', phase: 'Umsetzung' }).errors, { light: { code: 'invalidChoice' }, phase: { code: 'invalidChoice' } });
  });

  it('refuses progress that is not a whole number, or outside 0–100', () => {
    assert.deepEqual(validateStatusInputs({ ...valid, progress: 'viel' }).errors, { progress: { code: 'notANumber' } });
    assert.deepEqual(validateStatusInputs({ ...valid, progress: '12.5' }).errors, { progress: { code: 'notANumber' } });
    assert.deepEqual(validateStatusInputs({ ...valid, progress: '101' }).errors, { progress: { code: 'outOfRange', params: { min: 0, max: 100 } } });
    assert.deepEqual(validateStatusInputs({ ...valid, progress: '-1' }).errors, { progress: { code: 'outOfRange', params: { min: 0, max: 100 } } });
  });

  it('refuses texts over 2,000 characters and keeps the input to show it again', () => {
    const long = 'x'.repeat(2001);
    const result = validateStatusInputs({ ...valid, blockers: long });
    assert.deepEqual(result.errors, { blockers: { code: 'tooLong', params: { max: 2000, length: 2001 } } });
    assert.equal(result.values.blockers, long);
    assert.deepEqual(validateStatusInputs({ ...valid, funding: 'y'.repeat(2000) }).errors, {});
  });

  it('refuses inputs of the wrong type', () => {
    assert.deepEqual(validateStatusInputs({ ...valid, happened: { text: 'x' }, light: ['red'] }).errors, { happened: { code: 'invalidType' }, light: { code: 'invalidType' } });
  });
});
