// The PyCounters dashboard: polls the JSON beside the page for the reports it has not seen yet, and
// shows one row per thing (rows.js, tables.js): a route's or a timer's rate, mean, percentiles and
// errors, any other counter's value, each with a chart of its last reports (charts.js), in human
// units (units.js).
// Charts are drawn only for rows on or near the screen, so a page of thousands of counters renders
// as fast as one of a screenful.
(function () {
  'use strict';

  const U = window.PyCountersUnits;
  const R = window.PyCountersRows;
  const C = window.PyCountersCharts;
  const CHART_HEIGHT = 34;
  const meta = name => document.querySelector('meta[name="' + name + '"]').content;
  const base = meta('pycounters-base');
  const windowSeconds = Number(meta('pycounters-window'));
  const filterInput = document.getElementById('filter');
  const statusLine = document.getElementById('status');
  const footer = document.getElementById('footer');
  const dark = window.matchMedia('(prefers-color-scheme: dark)');

  const state = {
    sequence: -1, // the last report the page has; -1 asks for everything
    history: 120,
    interval: 0,
    times: [],
    labels: [],
    series: new Map(), // id -> {name, key, unit, type, values, last}
    rows: [], // in the page's order: rows.js' rows, with their cells and chart
    filter: ''
  };

  const sections = {};
  for (const name of R.SECTIONS) {
    const table = document.getElementById(name);
    sections[name] = { table, head: table.tHead.rows[0], body: table.tBodies[0], percentiles: [], chartWidth: 0 };
  }

  const observer = new IntersectionObserver(entries => {
    for (const entry of entries) {
      if (entry.isIntersecting) {
        draw(entry.target.pycountersRow);
      }
    }
  }, { rootMargin: '400px 0px' });

  const tables = window.PyCountersTables(state, sections, observer, CHART_HEIGHT, built);

  // Every row is in the page: the figure for tests, and the status' counts.
  function built() {
    window.pycountersBuilt = { millis: Math.round(performance.now() - state.buildStarted), rows: state.rows.length,
      sequence: state.sequence };
    showStatus();
  }

  function id(s) {
    return s.key === null ? s.name : s.name + '\n' + s.key;
  }

  function timeLabel(millis) {
    return new Date(millis).toLocaleTimeString('en-GB', { hour12: false });
  }


  function draw(r) {
    if (!r.stale || r.tr.classList.contains('hidden') || !r.tr.isConnected) {
      return;
    }
    if (r.chart === null) {
      const width = sections[r.section].chartWidth;
      r.canvas.width = width;
      // The size Chart.js would set: given first, so that making the chart lays nothing out again.
      r.canvas.style.width = width + 'px';
      r.canvas.style.height = CHART_HEIGHT + 'px';
      r.chart = new Chart(r.canvas, C.config(r, state.labels));
    } else {
      r.chart.data.labels = state.labels.slice();
      for (const set of r.chart.data.datasets) {
        set.data = set.pycountersSeries.values.slice();
      }
      r.chart.update('none');
    }
    r.stale = false;
  }

  // Draws the charts of the rows on the screen now, without waiting for the observer, which draws
  // those near it as they come. All rows are measured before any chart is made, as each new chart
  // would have the next measure lay the whole page out again; rows are in page order, so the
  // measuring stops below the screen.
  function drawVisible() {
    const bottom = window.innerHeight;
    const visible = [];
    for (const r of state.rows) {
      if (!r.tr) {
        break;
      }
      if (r.stale && !r.tr.classList.contains('hidden')) {
        const box = r.tr.getBoundingClientRect();
        if (box.top > bottom) {
          break;
        }
        if (box.bottom >= 0) {
          visible.push(r);
        }
      }
    }
    visible.forEach(draw);
  }

  // Charts drawn again from scratch: their width or their colours changed.
  function redraw() {
    tables.measure();
    for (const r of state.rows) {
      if (r.chart) {
        r.chart.destroy();
        r.chart = null;
      }
      r.stale = true;
    }
    drawVisible();
  }

  function apply(data) {
    state.history = data.history;
    state.interval = data.reportInterval;
    document.getElementById('omitted').hidden = data.omitted === 0;
    document.getElementById('omitted').textContent = data.omitted + ' more series are not shown: '
        + 'the dashboard keeps at most pycounters.dashboard.max-series.';
    if (data.series === undefined) {
      state.sequence = data.sequence;
      return false;
    }
    if (data.reset) {
      state.times = [];
    }
    const added = data.times.length;
    state.times.push(...data.times);
    const seen = new Set();
    let structureChanged = false;
    for (const d of data.series) {
      const key = id(d);
      seen.add(key);
      let s = state.series.get(key);
      if (s === undefined) {
        s = { name: d.name, key: d.key, unit: d.unit, type: d.type, values: [], last: null };
        state.series.set(key, s);
        structureChanged = true;
      }
      if (data.reset) {
        s.values = [];
      }
      // A series new to the page had no value in the reports the page had before.
      while (s.values.length < state.times.length - added) {
        s.values.push(null);
      }
      s.values.push(...d.values);
      s.last = d.last;
    }
    for (const key of Array.from(state.series.keys())) {
      if (!seen.has(key)) {
        state.series.delete(key);
        structureChanged = true;
      }
    }
    const excess = state.times.length - state.history;
    if (excess > 0) {
      state.times.splice(0, excess);
      for (const s of state.series.values()) {
        s.values.splice(0, excess);
      }
    }
    state.labels = state.times.map(timeLabel);
    if (structureChanged) {
      state.buildStarted = performance.now();
      tables.regroup();
    } else {
      tables.showValues();
    }
    if (structureChanged) {
      // Once the rows have their values: one layout for the measure and the charts that follow.
      tables.measure();
    }
    state.sequence = data.sequence;
    return true;
  }

  function showStatus() {
    const empty = state.times.length === 0;
    document.getElementById('empty').hidden = !empty;
    const counters = new Set();
    for (const s of state.series.values()) {
      counters.add(s.name);
    }
    const shown = state.rows.filter(tables.matches).length;
    document.getElementById('nomatch').hidden = empty || shown > 0;
    const parts = [];
    if (windowSeconds > 0) {
      parts.push('window ' + U.duration(windowSeconds));
    }
    if (state.interval > 0) {
      parts.push('a report every ' + U.duration(state.interval));
    }
    if (empty) {
      parts.unshift('Waiting for the first report');
    } else {
      const last = state.times[state.times.length - 1];
      const ago = Math.max(0, Math.round((Date.now() - last) / 1000));
      parts.unshift('Last report ' + timeLabel(last) + ', ' + U.duration(ago) + ' ago');
      parts.push(counters.size + ' counters in ' + state.rows.length + ' rows' + (state.filter ? ', ' + shown + ' shown' : ''));
    }
    statusLine.classList.remove('error');
    statusLine.textContent = parts.join(' \u00b7 ');
  }

  function rendered(started, phases) {
    // After the next frame is painted: layout, charts and paint all count in the figure.
    requestAnimationFrame(() => setTimeout(() => {
      const millis = Math.round(performance.now() - started);
      const charts = state.rows.filter(r => r.chart).length;
      window.pycountersRender = {
        millis: millis, // from the data's arrival to the frame painted after it
        sinceNavigation: Math.round(performance.now()), // from the page's request
        series: state.series.size,
        rows: state.rows.length,
        charts: charts,
        sequence: state.sequence,
        // Where the time went: reading the JSON, making the rows and their values, drawing the charts.
        phases: { parse: Math.round(phases.parse), rows: Math.round(phases.rows), charts: Math.round(phases.charts) }
      };
      document.body.dataset.renderMillis = String(millis);
      document.body.dataset.sequence = String(state.sequence);
      const span = state.times.length === 0 ? '' : ' (' + state.labels[0] + ' to ' + state.labels[state.labels.length - 1] + ')';
      footer.textContent = state.series.size + ' series in ' + state.rows.length + ' rows \u00b7 charts of the last '
          + state.times.length + ' reports' + span + ', up to ' + state.history + ' \u00b7 last render ' + millis + ' ms';
    }, 0));
  }

  function pollDelay() {
    // Often enough to show a report soon after it is made; at least a second apart.
    return Math.min(5000, Math.max(1000, state.interval * 500));
  }

  async function poll() {
    try {
      const response = await fetch(base + '/data?after=' + state.sequence,
          { cache: 'no-store', credentials: 'same-origin', headers: { Accept: 'application/json' } });
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      const started = performance.now();
      const data = await response.json();
      const parsed = performance.now();
      if (apply(data)) {
        const applied = performance.now();
        drawVisible();
        showStatus();
        rendered(started, { parse: parsed - started, rows: applied - parsed, charts: performance.now() - applied });
      } else if (state.times.length === 0) {
        showStatus();
      }
    } catch (error) {
      statusLine.classList.add('error');
      statusLine.textContent = 'Cannot read the counters (' + error.message + '); trying again';
    }
    setTimeout(poll, pollDelay());
  }

  filterInput.addEventListener('input', () => {
    state.filter = filterInput.value.trim().toLowerCase();
    for (const r of state.rows) {
      if (r.tr) {
        r.tr.classList.toggle('hidden', !tables.matches(r));
      }
    }
    drawVisible();
    showStatus();
  });
  dark.addEventListener('change', () => {
    C.themeChanged();
    redraw();
  });
  let resizing = 0;
  window.addEventListener('resize', () => {
    clearTimeout(resizing);
    resizing = setTimeout(redraw, 200);
  });
  // "How long ago" moves on between reports.
  setInterval(() => {
    if (!statusLine.classList.contains('error')) {
      showStatus();
    }
  }, 1000);

  const rowOf = (name, key) => state.rows.find(r => r.members.some(s => s.name === name && s.key === (key === undefined ? null : key)));
  window.pycounters = {
    // For tests and curious people: the values a series' chart shows now (null before it is drawn).
    chartValues: (name, key) => {
      const r = rowOf(name, key);
      const set = r && r.chart ? r.chart.data.datasets.find(d => d.pycountersSeries.name === name
          && d.pycountersSeries.key === (key === undefined ? null : key)) : null;
      return set ? set.data.slice() : null;
    },
    // The points a row's chart draws as dots (a series' lone reports), and its datasets' count.
    chartShape: label => {
      const r = state.rows.find(x => x.label === label);
      if (!r || !r.chart) {
        return null;
      }
      let dots = 0;
      r.chart.data.datasets.forEach((set, i) => {
        dots += r.chart.getDatasetMeta(i).data.filter(p => !p.skip && p.options.radius > 0).length;
      });
      const ticks = U.ticks(r.chart.scales.y.ticks.map(t => t.value), C.unit(r));
      return { datasets: r.chart.data.datasets.length, filled: r.chart.data.datasets.some(d => d.fill === '-1'), dots, ticks };
    }
  };

  C.themeChanged();
  poll();
}());
