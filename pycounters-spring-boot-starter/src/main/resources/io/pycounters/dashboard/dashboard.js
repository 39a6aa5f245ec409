// The PyCounters dashboard: polls the JSON beside the page for the reports it has not seen yet,
// and shows each series (a counter, or one key of a keyed counter) as a row with its last value
// and a Chart.js chart of its history. Charts are drawn only for rows on or near the screen, so a
// page of thousands of counters renders as fast as one of a screenful.
(function () {
  'use strict';

  const CHART_WIDTH = 360;
  const CHART_HEIGHT = 64;
  const base = document.querySelector('meta[name="pycounters-base"]').content;
  const tbody = document.querySelector('#counters tbody');
  const filterInput = document.getElementById('filter');
  const statusLine = document.getElementById('status');
  const footer = document.getElementById('footer');

  const state = {
    sequence: -1, // the last report the page has; -1 asks for everything
    history: 120,
    interval: 0,
    times: [],
    labels: [],
    series: new Map(), // id -> {name, key, unit, type, values, row, valueCell, canvas, chart, stale}
    filter: ''
  };

  const observer = new IntersectionObserver(entries => {
    for (const entry of entries) {
      if (entry.isIntersecting) {
        draw(entry.target.pycountersSeries);
      }
    }
  }, { rootMargin: '400px 0px' });

  function id(s) {
    return s.key === null ? s.name : s.name + '\n' + s.key;
  }

  function format(v) {
    if (v === null || v === undefined) {
      return '\u2013';
    }
    const a = Math.abs(v);
    if (a === 0) {
      return '0';
    }
    if (a >= 1000) {
      return v.toLocaleString('en-US', { maximumFractionDigits: 0 });
    }
    if (a < 0.001) {
      return v.toExponential(3);
    }
    return String(Number(v.toPrecision(4)));
  }

  // For axis ticks: short, as there is little room.
  function tick(v) {
    const a = Math.abs(v);
    if (a !== 0 && (a < 0.01 || a >= 100000)) {
      return v.toExponential(0);
    }
    return format(v);
  }

  function duration(seconds) {
    if (seconds >= 3600 && seconds % 3600 === 0) {
      return seconds / 3600 + ' h';
    }
    if (seconds >= 60 && seconds % 60 === 0) {
      return seconds / 60 + ' min';
    }
    return seconds + ' s';
  }

  function timeLabel(millis) {
    return new Date(millis).toLocaleTimeString('en-GB', { hour12: false });
  }

  function create(d) {
    const s = { name: d.name, key: d.key, unit: d.unit, type: d.type, values: [], chart: null, stale: true };
    const row = document.createElement('tr');
    row.dataset.counter = d.name;
    if (d.key !== null) {
      row.dataset.key = d.key;
    }
    const nameCell = row.insertCell();
    nameCell.className = 'name';
    nameCell.textContent = d.name;
    if (d.key !== null) {
      const key = document.createElement('span');
      key.className = 'key';
      key.textContent = ' [' + d.key + ']';
      nameCell.appendChild(key);
    }
    if (d.type !== null) {
      nameCell.title = d.type;
    }
    s.valueCell = row.insertCell();
    s.valueCell.className = 'value';
    const unitCell = row.insertCell();
    unitCell.className = 'unit';
    unitCell.textContent = d.unit;
    const chartCell = row.insertCell();
    chartCell.className = 'chart';
    s.canvas = document.createElement('canvas');
    s.canvas.width = CHART_WIDTH;
    s.canvas.height = CHART_HEIGHT;
    s.canvas.setAttribute('role', 'img');
    s.canvas.setAttribute('aria-label', 'Chart of the last reports of ' + d.name + (d.key === null ? '' : ' [' + d.key + ']'));
    chartCell.appendChild(s.canvas);
    s.row = row;
    row.pycountersSeries = s;
    s.search = (d.name + (d.key === null ? '' : ' ' + d.key)).toLowerCase();
    row.classList.toggle('hidden', !matches(s));
    observer.observe(row);
    return s;
  }

  function remove(s) {
    observer.unobserve(s.row);
    if (s.chart) {
      s.chart.destroy();
    }
    s.row.remove();
  }

  function matches(s) {
    return state.filter === '' || s.search.includes(state.filter);
  }

  function chartConfig(s) {
    return {
      type: 'line',
      data: {
        labels: state.labels.slice(),
        datasets: [{
          data: s.values.slice(),
          borderColor: '#2563eb',
          backgroundColor: 'rgba(37, 99, 235, 0.12)',
          fill: true,
          borderWidth: 1.5,
          pointRadius: ctx => (ctx.dataset.data.length === 1 ? 3 : 0),
          pointHitRadius: 6,
          tension: 0,
          spanGaps: false
        }]
      },
      options: {
        animation: false,
        responsive: false,
        normalized: true,
        events: ['mousemove', 'mouseout'],
        plugins: {
          legend: { display: false },
          tooltip: {
            intersect: false,
            mode: 'index',
            displayColors: false,
            callbacks: { label: ctx => format(ctx.parsed.y) + ' ' + s.unit }
          }
        },
        scales: {
          x: { ticks: { maxTicksLimit: 4, maxRotation: 0, font: { size: 10 } }, grid: { display: false } },
          // One width for every chart's axis, so that the plots line up down the page.
          y: { ticks: { maxTicksLimit: 3, font: { size: 10 }, callback: v => tick(v) }, afterFit: axis => { axis.width = 46; } }
        }
      }
    };
  }

  function draw(s) {
    if (!s.stale || s.row.classList.contains('hidden') || !s.row.isConnected) {
      return;
    }
    if (s.chart === null) {
      s.chart = new Chart(s.canvas, chartConfig(s));
    } else {
      s.chart.data.labels = state.labels.slice();
      s.chart.data.datasets[0].data = s.values.slice();
      s.chart.update('none');
    }
    s.stale = false;
  }

  // Draws the charts of the rows on or near the screen now, without waiting for the observer.
  function drawVisible() {
    const top = -400;
    const bottom = window.innerHeight + 400;
    for (const s of state.series.values()) {
      if (s.stale && !s.row.classList.contains('hidden')) {
        const box = s.row.getBoundingClientRect();
        if (box.bottom >= top && box.top <= bottom) {
          draw(s);
        }
      }
    }
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
        s = create(d);
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
      s.stale = true;
    }
    for (const [key, s] of state.series) {
      if (!seen.has(key)) {
        remove(s);
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
      // The server sends the series sorted; appending moves each row into that order.
      const rows = document.createDocumentFragment();
      for (const d of data.series) {
        rows.appendChild(state.series.get(id(d)).row);
      }
      tbody.appendChild(rows);
    }
    for (const s of state.series.values()) {
      s.valueCell.textContent = format(s.last);
    }
    state.sequence = data.sequence;
    return true;
  }

  function showStatus() {
    const empty = state.times.length === 0;
    document.getElementById('empty').hidden = !empty;
    const counters = new Set();
    let shown = 0;
    for (const s of state.series.values()) {
      counters.add(s.name);
      if (matches(s)) {
        shown++;
      }
    }
    document.getElementById('nomatch').hidden = empty || shown > 0;
    const every = state.interval > 0 ? ' \u00b7 a report every ' + duration(state.interval) : '';
    statusLine.classList.remove('error');
    statusLine.textContent = empty
      ? 'Waiting for the first report' + every
      : 'Last report ' + timeLabel(state.times[state.times.length - 1]) + every + ' \u00b7 '
        + counters.size + ' counters, ' + state.series.size + ' series' + (state.filter ? ', ' + shown + ' shown' : '');
  }

  function rendered(started) {
    // After the next frame is painted: layout, charts and paint all count in the figure.
    requestAnimationFrame(() => setTimeout(() => {
      const millis = Math.round(performance.now() - started);
      let charts = 0;
      for (const s of state.series.values()) {
        charts += s.chart === null ? 0 : 1;
      }
      window.pycountersRender = {
        millis: millis, // from the data's arrival to the frame painted after it
        sinceNavigation: Math.round(performance.now()), // from the page's request
        series: state.series.size,
        charts: charts,
        sequence: state.sequence
      };
      document.body.dataset.renderMillis = String(millis);
      document.body.dataset.sequence = String(state.sequence);
      footer.textContent = state.series.size + ' series \u00b7 last render ' + millis + ' ms \u00b7 history of up to '
          + state.history + ' reports';
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
      if (apply(data)) {
        drawVisible();
        showStatus();
        rendered(started);
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
    for (const s of state.series.values()) {
      s.row.classList.toggle('hidden', !matches(s));
    }
    drawVisible();
    showStatus();
  });

  window.pycounters = {
    // For tests and curious people: the values a series' chart shows now.
    chartValues: (name, key) => {
      const s = state.series.get(key === undefined || key === null ? name : name + '\n' + key);
      return s && s.chart ? s.chart.data.datasets[0].data.slice() : null;
    }
  };

  poll();
}());
