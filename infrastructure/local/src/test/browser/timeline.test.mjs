// The timeline's layout (pure): where ticks and gaps go. `node --test`, run by DashboardScriptTest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { layout, shownStatus } from '../../../../../functions/manage/src/main/resources/dashboard/timeline.js';
import { duration } from '../../../../../functions/manage/src/main/resources/dashboard/format.js';

const start = Date.parse('2026-03-02T00:00:00Z');
const end = Date.parse('2026-03-03T00:00:00Z');

test('layout_placesTicksByTimeReceived_andDropsThoseOutsideTheWindow', () => {
  const checkIns = [
    { id: 'a', status: 'ok', dateCreated: '2026-03-02T12:00:00Z', expectedTime: '2026-03-02T12:00:00Z', duration: 1000 },
    { id: 'b', status: 'error', dateCreated: '2026-03-02T18:00:00Z', expectedTime: '2026-03-02T18:00:00Z', duration: 3000 },
    { id: 'c', status: 'ok', dateCreated: '2026-03-01T23:00:00Z', expectedTime: '2026-03-01T23:00:00Z', duration: 9000 },
  ];

  const { ticks, maxDuration } = layout({ checkIns, start, end, width: 1000 });

  assert.deepEqual(ticks.map((t) => [t.checkIn.id, t.x]), [['a', 500], ['b', 750]]);
  assert.equal(maxDuration, 3000);
});

test('layout_marksAGap_forASlotNoCheckInFulfilled_butNotForAMissedCheckInsSlot', () => {
  const checkIns = [
    { id: 'a', status: 'ok', dateCreated: '2026-03-02T06:00:10Z', expectedTime: '2026-03-02T06:00:00Z' },
    { id: 'm', status: 'missed', dateCreated: '2026-03-02T18:01:00Z', expectedTime: '2026-03-02T18:00:00Z' },
  ];
  const slots = ['2026-03-02T06:00:00Z', '2026-03-02T12:00:00Z', '2026-03-02T18:00:00Z'];

  const { gaps } = layout({ checkIns, slots, start, end, width: 1000 });

  assert.deepEqual(gaps.map((g) => g.x), [500]);
});

test('layout_keepsEveryTickInsideTheWidth_forAnyCheckIns', () => {
  const checkIn = fc.record({
    id: fc.uuid(), status: fc.constantFrom('ok', 'error', 'missed', 'timeout', 'in_progress'),
    dateCreated: fc.integer({ min: start - 86400000, max: end + 86400000 }).map((t) => new Date(t).toISOString()),
    duration: fc.option(fc.nat(), { nil: null }),
  });
  fc.assert(fc.property(fc.array(checkIn, { maxLength: 50 }), fc.integer({ min: 10, max: 2000 }), (checkIns, width) => {
    const { ticks } = layout({ checkIns, start, end, width });
    assert.ok(ticks.every((t) => t.x >= 0 && t.x <= width));
    assert.equal(ticks.length, checkIns.filter((c) => Date.parse(c.dateCreated) >= start && Date.parse(c.dateCreated) <= end).length);
    assert.ok(ticks.every((t, i) => i === 0 || ticks[i - 1].time <= t.time));
  }));
});

test('duration_readsAsPeopleSayIt', () => {
  assert.equal(duration(850), '850 ms');
  assert.equal(duration(1250), '1.3 s');
  assert.equal(duration(125000), '2 min 5 s');
  assert.equal(duration(3780000), '1 h 3 min');
  assert.equal(duration(null), '—');
});

test('layout_ordersCheckInsOfTheSameSecondById_whateverOrderTheyCameIn', () => {
  const a = { id: 'a', status: 'error', dateCreated: '2026-03-02T12:00:00Z' };
  const b = { id: 'b', status: 'ok', dateCreated: '2026-03-02T12:00:00Z' };

  const one = layout({ checkIns: [a, b], start, end, width: 1000 }).ticks.map((t) => t.checkIn.id);
  const other = layout({ checkIns: [b, a], start, end, width: 1000 }).ticks.map((t) => t.checkIn.id);

  assert.deepEqual(one, ['a', 'b']);
  assert.deepEqual(other, ['a', 'b']);
});

test('shownStatus_isMaintenance_forAnUnknownSlotOfAWindow_andTheStatusOtherwise', () => {
  assert.equal(shownStatus({ status: 'unknown', maintenance: true }), 'maintenance');
  assert.equal(shownStatus({ status: 'unknown', maintenance: false }), 'unknown');
  assert.equal(shownStatus({ status: 'unknown' }), 'unknown');
  // An error sent during a window is recorded as sent (it only counts for nothing): it keeps its colour.
  assert.equal(shownStatus({ status: 'error', maintenance: true }), 'error');
  assert.equal(shownStatus({ status: 'missed', maintenance: false }), 'missed');
});
