// The dashboard's numbers in human units: times as ns, µs, ms or s to 3 significant digits, rates as /s
// (or /min under 0.1/s), counts with thousands separators; axis ticks in one unit per axis, with
// enough decimals that no two ticks read the same. Units are the server's labels: 'seconds',
// 'per second', 'count', 'value'.
(function () {
  'use strict';

  const SEPARATED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

  // 3 significant digits, never an exponent between 1e-6 and 1e21; thousands separated from 1,000.
  function sig3(v) {
    const a = Math.abs(v);
    if (a === 0) {
      return '0';
    }
    if (a >= 1000) {
      return SEPARATED.format(v);
    }
    if (a < 1e-6) {
      return v.toExponential(2);
    }
    return v.toPrecision(3);
  }

  // The scale a time reads in: the largest of s, ms, µs, ns that keeps the value at 1 or more.
  function timeScale(a) {
    if (a >= 1 || a === 0) {
      return { factor: 1, symbol: 's' };
    }
    if (a >= 1e-3) {
      return { factor: 1e3, symbol: 'ms' };
    }
    if (a >= 1e-6) {
      return { factor: 1e6, symbol: '\u00b5s' };
    }
    return { factor: 1e9, symbol: 'ns' };
  }

  function rateScale(a) {
    return a !== 0 && a < 0.1 ? { factor: 60, symbol: '/min' } : { factor: 1, symbol: '/s' };
  }

  function scaleOf(unit, a) {
    if (unit === 'seconds') {
      return timeScale(a);
    }
    if (unit === 'per second') {
      return rateScale(a);
    }
    return { factor: 1, symbol: '' };
  }

  /** A value as a row shows it: '62.2 µs', '3.13 ms', '12.3 /s', '4.00 /min', '12,345'; '–' for none. */
  function format(v, unit) {
    if (v === null || v === undefined || Number.isNaN(v)) {
      return '\u2013';
    }
    if (unit === 'count' && Number.isInteger(v)) {
      return SEPARATED.format(v);
    }
    const scale = scaleOf(unit, Math.abs(v));
    const text = sig3(v * scale.factor);
    return scale.symbol === '' ? text : text + ' ' + scale.symbol;
  }

  /** The value itself, for a hover: every digit the server sent, and the unit's name. */
  function exact(v, unit) {
    if (v === null || v === undefined) {
      return 'no value';
    }
    return String(v) + ' ' + unit;
  }

  // Formatters are slow to make and charts ask for many labels: one per number of decimals.
  const FIXED = [];
  function fixed(decimals) {
    if (FIXED[decimals] === undefined) {
      FIXED[decimals] = new Intl.NumberFormat('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    }
    return FIXED[decimals];
  }

  /**
   * Labels for an axis' ticks (Chart.js gives them as [{value}]): all in the unit of the largest,
   * each with the decimals its step needs, so that neighbours never read the same.
   */
  function ticks(values, unit) {
    let largest = 0;
    for (const v of values) {
      largest = Math.max(largest, Math.abs(v));
    }
    const scale = scaleOf(unit, largest);
    let step = Infinity;
    for (let i = 1; i < values.length; i++) {
      const d = Math.abs(values[i] - values[i - 1]) * scale.factor;
      if (d > 0) {
        step = Math.min(step, d);
      }
    }
    let decimals = 0;
    if (Number.isFinite(step)) {
      decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
      // A step such as 0.25 needs one decimal more than its leading digit's.
      const scaled = step * Math.pow(10, decimals);
      if (Math.abs(scaled - Math.round(scaled)) > 1e-6 * scaled) {
        decimals++;
      }
      decimals = Math.min(12, decimals);
    }
    const format = fixed(decimals);
    return values.map(v => {
      const text = format.format(v * scale.factor);
      return scale.symbol === '' ? text : text + ' ' + scale.symbol;
    });
  }

  /** A quantile key ('0.5', '0.99', '0.999') as a column reads it: p50, p99, p99.9. */
  function percentileLabel(key) {
    const q = Number(key);
    if (!Number.isFinite(q)) {
      return String(key);
    }
    return 'p' + String(Number((q * 100).toPrecision(6)));
  }

  /** A length of time, as the header says it: '5 s', '1 min', '2 h', '1 min 30 s'. */
  function duration(seconds) {
    if (seconds >= 3600 && seconds % 3600 === 0) {
      return seconds / 3600 + ' h';
    }
    if (seconds >= 60 && seconds % 60 === 0) {
      return seconds / 60 + ' min';
    }
    if (seconds > 60) {
      return Math.floor(seconds / 60) + ' min ' + Math.round(seconds % 60) + ' s';
    }
    return Number(seconds.toPrecision(3)) + ' s';
  }

  window.PyCountersUnits = { format, exact, ticks, percentileLabel, duration };
}());
