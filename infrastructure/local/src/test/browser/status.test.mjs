// The state a monitor environment shows (colour and word) from what the API says. `node --test`, run by DashboardScriptTest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brokenText, environmentState } from '../../../../../functions/manage/src/main/resources/dashboard/ui.js';

const active = { status: 'active' };
const checkIn = (status, minute, environment = 'production') => ({ status, environment, dateCreated: `2026-03-02T10:${String(minute).padStart(2, '0')}:00Z` });

test('environmentState_isDisabled_forADisabledMonitor_whateverItsEnvironmentSays', () => {
  assert.equal(environmentState({ status: 'disabled' }, { name: 'production', status: 'error' }, [checkIn('error', 1)]), 'disabled');
});

test('environmentState_isNew_untilAFirstRunStarts_thenInProgress', () => {
  const env = { name: 'production', status: 'new' };
  assert.equal(environmentState(active, env, []), 'new');
  assert.equal(environmentState(active, env, [checkIn('in_progress', 1)]), 'in_progress');
});

test('environmentState_namesTheFailure_fromTheNewestFinishedCheckInOfThatEnvironment', () => {
  const env = { name: 'production', status: 'error' };
  const checkIns = [checkIn('in_progress', 9), checkIn('missed', 8), checkIn('error', 7), checkIn('timeout', 9, 'staging')];

  assert.equal(environmentState(active, env, checkIns), 'missed');
  assert.equal(environmentState(active, env, [checkIn('timeout', 3), checkIn('ok', 2)]), 'timeout');
  assert.equal(environmentState(active, env, []), 'error');
});

test('environmentState_isOk_whenTheApiSaysOk', () => {
  assert.equal(environmentState(active, { name: 'production', status: 'ok' }, [checkIn('error', 1)]), 'ok');
});

test('environmentState_skipsUnknown_whichIsNeitherAFailureNorAnOk_ruleU2', () => {
  const env = { name: 'production', status: 'error' };
  assert.equal(environmentState(active, env, [checkIn('unknown', 9), checkIn('missed', 8)]), 'missed');
});

test('brokenText_saysWhatTheBrokenMonitorRuleDid_ruleB1B2', () => {
  assert.equal(brokenText({ brokenNotice: null }), '');
  assert.equal(brokenText({ brokenNotice: { userNotifiedTimestamp: '2026-03-16T02:00:40Z', environmentMutedTimestamp: null } }), ' · broken: fix or mute it');
  assert.equal(brokenText({ brokenNotice: { userNotifiedTimestamp: '2026-03-16T02:00:40Z', environmentMutedTimestamp: '2026-03-30T02:02:00Z' } }),
    ' · broken, muted automatically');
});
