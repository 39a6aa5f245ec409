// The dashboard's rows: one per thing, by the names the starter itself gives its counters. A route
// `http.<METHOD>.<template>` with its `.rate`, `.errors.rate` and `.percentiles` is one row; a timer
// `X` (a time, no key) with `X.rate` and `X.percentiles` is one row; every other series (a counter,
// or one key of a keyed counter) is a row of its own. Routes come first (by template, then method),
// then timers, then the rest, each by name.
(function () {
  'use strict';

  const ROUTE = /^http\.([A-Z]+)\.(\/.*)$/;
  const SECTIONS = ['routes', 'timers', 'other'];

  // The counter a sibling belongs to, and what it is of it, by the starter's suffixes.
  function split(s) {
    const name = s.name;
    // A time is never a rate, whatever its name ends with (a route template ending in `.rate`).
    const time = s.unit === 'seconds';
    if (s.key === null && !time && name.endsWith('.errors.rate')) {
      return { base: name.slice(0, -'.errors.rate'.length), role: 'errors' };
    }
    if (s.key === null && !time && name.endsWith('.rate')) {
      return { base: name.slice(0, -'.rate'.length), role: 'rate' };
    }
    if (s.key !== null && name.endsWith('.percentiles')) {
      return { base: name.slice(0, -'.percentiles'.length), role: 'percentile' };
    }
    return { base: name, role: s.key === null ? 'mean' : 'value' };
  }

  function compare(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  /**
   * The rows of {@code series} (objects with name, key, unit), in the order the page shows them:
   * [{id, section, label, sort, mean, rate, errors, percentiles: [series by quantile], value, members}].
   */
  function group(series) {
    const timers = new Set();
    for (const s of series) {
      if (s.key === null && s.unit === 'seconds' && !ROUTE.test(s.name)) {
        timers.add(s.name);
      }
    }
    const rows = new Map();
    function row(id, section, label, sort) {
      let r = rows.get(id);
      if (r === undefined) {
        r = { id, section, label, sort, mean: null, rate: null, errors: null, percentiles: [], value: null, members: [] };
        rows.set(id, r);
      }
      return r;
    }
    for (const s of series) {
      const { base, role } = split(s);
      const route = ROUTE.exec(base);
      let r;
      if (route !== null && role !== 'value') {
        r = row('route ' + base, 'routes', route[1] + ' ' + route[2], route[2] + ' ' + route[1]);
      } else if (timers.has(base) && role !== 'value' && role !== 'errors') {
        r = row('timer ' + base, 'timers', base, base);
      } else {
        const label = s.key === null ? s.name : s.name + ' [' + s.key + ']';
        r = row('other ' + s.name + '\n' + (s.key === null ? '' : s.key), 'other', label, s.name + '\n' + (s.key || ''));
        r.value = s;
        r.members.push(s);
        continue;
      }
      if (role === 'percentile') {
        r.percentiles.push(s);
      } else {
        r[role] = s;
      }
      r.members.push(s);
    }
    const all = Array.from(rows.values());
    for (const r of all) {
      r.percentiles.sort((a, b) => Number(a.key) - Number(b.key));
    }
    all.sort((a, b) => SECTIONS.indexOf(a.section) - SECTIONS.indexOf(b.section) || compare(a.sort, b.sort));
    return all;
  }

  /** The quantile keys that the rows of one section have, in order: the section's percentile columns. */
  function percentileKeys(rows) {
    const keys = new Set();
    for (const r of rows) {
      for (const p of r.percentiles) {
        keys.add(p.key);
      }
    }
    return Array.from(keys).sort((a, b) => Number(a) - Number(b));
  }

  window.PyCountersRows = { group, percentileKeys, SECTIONS };
}());
