// The dashboard's tables: one per section (routes, timers, other counters), their columns (rate,
// mean, one per percentile, errors; or the value) and rows, made from rows.js' grouping, with the
// values in human units (units.js). The rows of the first screen are made at once, the others a
// batch per task after it.
(function () {
  'use strict';

  const U = window.PyCountersUnits;
  const R = window.PyCountersRows;

  /**
   * The tables of {@code state.rows} in {@code sections}: {@code observer} is told of each row
   * made, {@code built} called once every row is in the page; charts are {@code height} pixels high.
   */
  window.PyCountersTables = function (state, sections, observer, height, built) {

    function id(s) {
      return s.key === null ? s.name : s.name + '\n' + s.key;
    }

    // The columns of a section: its numbers (rate, mean, one per percentile, errors) before the chart.
    function columns(section) {
      if (section === 'other') {
        return [{ cls: 'value', title: 'Value', of: r => r.value, unit: r => r.value.unit }];
      }
      const cols = [
        { cls: 'rate', title: 'Rate', of: r => r.rate, unit: () => 'per second' },
        { cls: 'mean', title: 'Mean', of: r => r.mean, unit: () => 'seconds' }
      ];
      for (const key of sections[section].percentiles) {
        cols.push({ cls: 'p ' + U.percentileLabel(key).replace('.', '_'), title: U.percentileLabel(key), of: r => r.percentiles.find(p => p.key === key) || null,
          unit: () => 'seconds' });
      }
      if (section === 'routes') {
        cols.push({ cls: 'errors', title: 'Errors', of: r => r.errors, unit: () => 'per second' });
      }
      return cols;
    }

    function header(section) {
      const head = sections[section].head;
      head.textContent = '';
      const cell = (cls, text) => {
        const th = document.createElement('th');
        th.className = cls;
        th.textContent = text;
        head.appendChild(th);
      };
      cell('name', section === 'routes' ? 'Route' : section === 'timers' ? 'Timer' : 'Counter');
      for (const c of columns(section)) {
        cell('number ' + c.cls, c.title);
      }
      cell('chart', section === 'other' ? 'Last reports' : 'Mean (line) and percentiles (band), last reports');
    }

    function create(r) {
      const tr = document.createElement('tr');
      tr.dataset.row = r.label;
      if (r.value !== null) {
        tr.dataset.counter = r.value.name;
        if (r.value.key !== null) {
          tr.dataset.key = r.value.key;
        }
      }
      const name = tr.insertCell();
      name.className = 'name';
      name.textContent = r.label;
      name.title = r.members.map(s => id(s).replace('\n', ' [') + (s.key === null ? '' : ']')
          + (s.type === null ? '' : ' (' + s.type + ')')).join('\n');
      r.cells = [];
      for (const c of columns(r.section)) {
        const td = tr.insertCell();
        td.className = 'number ' + c.cls;
        const s = c.of(r);
        if (s !== null) {
          td.dataset.counter = s.name;
        }
        r.cells.push({ td, s, unit: s === null ? null : c.unit(r) });
      }
      const chartCell = tr.insertCell();
      chartCell.className = 'chart';
      r.canvas = document.createElement('canvas');
      r.canvas.height = height;
      r.canvas.setAttribute('role', 'img');
      r.canvas.setAttribute('aria-label', 'Chart of the last reports of ' + r.label);
      chartCell.appendChild(r.canvas);
      r.tr = tr;
      r.chart = null;
      r.stale = true;
      tr.pycountersRow = r;
      tr.classList.toggle('hidden', !matches(r));
      return tr;
    }

    function matches(r) {
      if (state.filter === '') {
        return true;
      }
      if (r.search === undefined) {
        r.search = (r.label + ' ' + r.members.map(s => s.name).join(' ')).toLowerCase();
      }
      return r.search.includes(state.filter);
    }

    // Rebuilds every row from the series: only when series come or go, which is rare. The rows of the
    // first screen are made at once, the others a batch per task after it, so that a page of
    // thousands shows its first screen as soon as one of a screenful would.
    const FIRST = 100;
    const BATCH = 250;
    let building = 0;
    function regroup() {
      clearTimeout(building);
      for (const r of state.rows) {
        if (r.tr) {
          observer.unobserve(r.tr);
        }
        if (r.chart) {
          r.chart.destroy();
        }
      }
      state.rows = R.group(Array.from(state.series.values()));
      for (const name of R.SECTIONS) {
        const section = sections[name];
        const rows = state.rows.filter(r => r.section === name);
        section.percentiles = R.percentileKeys(rows);
        header(name);
        section.body.textContent = '';
        section.table.hidden = rows.length === 0;
      }
      append(0, FIRST);
    }

    // Makes rows from..from+count (in page order), with their values, and schedules the next batch.
    function append(from, count) {
      const rows = state.rows.slice(from, from + count);
      let fragment = document.createDocumentFragment();
      let section = rows.length > 0 ? rows[0].section : null;
      for (const r of rows) {
        if (r.section !== section) {
          sections[section].body.appendChild(fragment);
          fragment = document.createDocumentFragment();
          section = r.section;
        }
        fragment.appendChild(create(r));
        values(r);
      }
      if (section !== null) {
        sections[section].body.appendChild(fragment);
      }
      for (const r of rows) {
        observer.observe(r.tr);
      }
      const next = from + rows.length;
      if (next < state.rows.length) {
        building = setTimeout(() => {
          append(next, BATCH);
          if (next + BATCH >= state.rows.length) {
            built();
          }
        }, 0);
      } else if (from === 0) {
        built();
      }
    }

    // The width charts get: what their column has, the same for every row of a section.
    function measure() {
      for (const name of R.SECTIONS) {
        const th = sections[name].head.querySelector('th.chart');
        sections[name].chartWidth = th ? Math.max(120, Math.floor(th.getBoundingClientRect().width) - 12) : 0;
      }
    }

    function values(r) {
      for (const c of r.cells) {
        if (c.s !== null) {
          c.td.textContent = U.format(c.s.last, c.unit);
          c.td.title = U.exact(c.s.last, c.unit);
        }
      }
      r.tr.classList.toggle('failing', r.errors !== null && r.errors.last > 0);
      r.stale = true;
    }

    // The rows not made yet get their values when they are.
    function showValues() {
      for (const r of state.rows) {
        if (r.tr) {
          values(r);
        }
      }
    }

    return { regroup, showValues, measure, matches };
  };
}());
