// The dashboard's charts (Chart.js): for a route or a timer, the mean as a line with its
// percentiles as a band around it (the lowest to the highest), a single percentile dashed; for any
// other row, its value, filled. Axes in the row's unit (units.js); a lone report drawn as a point.
(function () {
  'use strict';

  const U = window.PyCountersUnits;

  // The theme's colours, read once per theme: reading styles while rows change would lay out the page each time.
  let colours = {};
  function color(name) {
    if (colours[name] === undefined) {
      colours[name] = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    }
    return colours[name];
  }

  // A point alone between gaps (a series' only report so far, say) would draw nothing as a line.
  function isolated(data, i) {
    return data[i] !== null && data[i] !== undefined && (i === 0 || data[i - 1] === null) && (i === data.length - 1 || data[i + 1] === null);
  }

  function line(s, colour, extra) {
    return Object.assign({
      data: s.values.slice(),
      pycountersSeries: s,
      borderColor: colour,
      backgroundColor: colour,
      borderWidth: 1.5,
      pointRadius: ctx => (isolated(ctx.dataset.data, ctx.dataIndex) ? 3 : 0),
      pointHitRadius: 6,
      tension: 0,
      spanGaps: false,
      fill: false
    }, extra);
  }

  function datasets(r) {
    if (r.section === 'other') {
      return [line(r.value, color('--chart-line'), { fill: true, backgroundColor: color('--chart-fill') })];
    }
    const sets = [];
    const p = r.percentiles;
    if (p.length >= 2) {
      // The band: the highest percentile, then the lowest filled up to it.
      sets.push(line(p[p.length - 1], color('--chart-band-edge'), { borderWidth: 1 }));
      sets.push(line(p[0], color('--chart-band-edge'), { borderWidth: 1, fill: '-1', backgroundColor: color('--chart-band') }));
    } else if (p.length === 1) {
      sets.push(line(p[0], color('--chart-band-edge'), { borderWidth: 1, borderDash: [3, 3] }));
    }
    if (r.mean !== null || sets.length === 0) {
      sets.push(line(r.mean || r.rate, color('--chart-line'), { borderWidth: 2 }));
    }
    return sets;
  }

  function chartUnit(r) {
    return r.section === 'other' ? r.value.unit : r.mean === null && r.percentiles.length === 0 ? 'per second' : 'seconds';
  }

  // A tick callback: Chart.js asks for each tick's label in turn; all of an axis' are made at once.
  function tickLabels(unit) {
    let ticks = null;
    let labels = [];
    return (value, i, all) => {
      if (all !== ticks) {
        ticks = all;
        labels = U.ticks(all.map(t => t.value), unit);
      }
      return labels[i];
    };
  }

  function chartConfig(r, labels) {
    const unit = chartUnit(r);
    return {
      type: 'line',
      data: { labels: labels.slice(), datasets: datasets(r) },
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
            callbacks: {
              label: ctx => {
                const s = ctx.dataset.pycountersSeries;
                const what = s.key !== null ? U.percentileLabel(s.key) : s === r.mean ? 'mean' : '';
                return (what && r.section !== 'other' ? what + ' ' : '') + U.format(ctx.parsed.y, unit)
                    + ' (' + U.exact(ctx.parsed.y, unit) + ')';
              }
            }
          }
        },
        scales: {
          // Every row's chart covers the same reports: the times are in the tooltip and the header.
          x: { display: false },
          // One width for every chart's axis, so that the plots line up down the page.
          y: {
            beginAtZero: true,
            ticks: { maxTicksLimit: 3, font: { size: 10 }, callback: tickLabels(unit) },
            afterFit: axis => { axis.width = 64; }
          }
        }
      }
    };
  }

  /** Forgets the colours read: the next charts read the theme again. */
  function themeChanged() {
    colours = {};
    Chart.defaults.color = color('--muted');
    Chart.defaults.borderColor = color('--line');
  }

  window.PyCountersCharts = { config: chartConfig, unit: chartUnit, themeChanged };
}());
