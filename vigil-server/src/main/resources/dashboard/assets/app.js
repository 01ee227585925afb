// Vigil's dashboard: plain ES modules over the documented API (no build step), so what it
// shows is what any client can read. Pages: Now (ranking and swim lane), a series' chart with
// its band and anomalies, alerts with feedback and silences.

const TOKEN_KEY = 'vigil.token';
const main = document.getElementById('main');

// ---------------------------------------------------------------- API and login

class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

async function call(method, path, body, text) {
  const headers = {};
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = 'Bearer ' + token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const r = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const raw = await r.text();
  let json = null;
  try { json = JSON.parse(raw); } catch (e) { /* not JSON */ }
  if (r.status === 401) {
    await login(json && json.error);
    return call(method, path, body, text);
  }
  if (!r.ok) throw new ApiError(r.status, (json && json.error) || ('HTTP ' + r.status));
  return text ? raw : json;
}
const api = {
  get: (p) => call('GET', p),
  post: (p, b) => call('POST', p, b === undefined ? {} : b),
  del: (p) => call('DELETE', p),
};

let loginWaiters = null;
function login(reason) {
  if (loginWaiters) return new Promise((res) => loginWaiters.push(res));
  loginWaiters = [];
  const dialog = document.getElementById('login');
  const error = document.getElementById('login-error');
  error.textContent = sessionStorage.getItem(TOKEN_KEY) ? (reason || 'That token was refused.') : '';
  sessionStorage.removeItem(TOKEN_KEY);
  return new Promise((resolve) => {
    const form = document.getElementById('login-form');
    form.onsubmit = (e) => {
      e.preventDefault();
      sessionStorage.setItem(TOKEN_KEY, document.getElementById('token').value.trim());
      document.getElementById('token').value = '';
      dialog.close();
      const waiting = loginWaiters;
      loginWaiters = null;
      resolve();
      waiting.forEach((w) => w());
    };
    dialog.showModal();
    document.getElementById('token').focus();
  });
}

/** Who the page acts as ({name, role, open}); the pages offer only what the role may do. */
let identity = null;
const ROLES = ['viewer', 'writer', 'operator', 'admin'];
function can(role) {
  return identity !== null && ROLES.indexOf(identity.role) >= ROLES.indexOf(role);
}

async function showWho() {
  try {
    identity = await api.get('/api/v1/whoami');
    document.getElementById('logout').hidden = identity.open;
    document.getElementById('who').textContent = identity.open ? '' : `${identity.name} (${identity.role})`;
  } catch (e) {
    document.getElementById('who').textContent = '';
  }
}
document.getElementById('logout').addEventListener('click', () => {
  sessionStorage.removeItem(TOKEN_KEY);
  identity = null;
  route();
});

// ---------------------------------------------------------------- small helpers

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

/** Puts a page's parts in place; an absent part (null: not offered to this role) is skipped. */
function show(...parts) {
  main.replaceChildren(...parts.flat().filter((p) => p !== null && p !== undefined && p !== false));
}

function labelText(labels) {
  const parts = Object.entries(labels || {}).map(([k, v]) => `${k}="${v}"`);
  return parts.length ? '{' + parts.join(', ') + '}' : '';
}

/** A probability with the digits that tell it from 1 (0.999977, not 1.000). */
export function probabilityText(p) {
  if (p === null || p === undefined || Number.isNaN(p)) return '–';
  if (p >= 1) return '1';
  const nines = Math.max(0, Math.floor(-Math.log10(1 - p)));
  return p.toFixed(Math.min(12, Math.max(3, nines + 2))).replace(/(\.\d{3}\d*?)0+$/, '$1');
}

function probabilityClass(p) {
  return p >= 0.9999 ? 'prob-high' : p >= 0.99 ? 'prob-mid' : '';
}

export function valueText(v, unit) {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  const abs = Math.abs(v);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  const text = abs !== 0 && (abs >= 1e6 || abs < 1e-3) ? v.toExponential(2)
    : v.toLocaleString('en', { maximumFractionDigits: digits });
  return unit ? `${text} ${unit}` : text;
}

function timeText(ms) {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

function agoText(ms) {
  const s = Math.round((Date.now() - ms) / 1000);
  if (s < 0) return timeText(ms);
  if (s < 90) return s + ' s ago';
  if (s < 5400) return Math.round(s / 60) + ' min ago';
  if (s < 129600) return Math.round(s / 3600) + ' h ago';
  return Math.round(s / 86400) + ' d ago';
}

function params() {
  const [, query] = location.hash.split('?');
  return new URLSearchParams(query || '');
}

function setParams(page, values) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== '' && v !== null && v !== undefined) p.set(k, v);
  const q = p.toString();
  history.replaceState(null, '', '#/' + page + (q ? '?' + q : ''));
}

function showError(e) {
  show(el('h1', { text: 'Something went wrong' }),
    el('p', { class: 'error', role: 'alert', text: e.message || String(e) }));
}

// ---------------------------------------------------------------- Now

let refreshTimer = null;

async function nowPage() {
  const p = params();
  const state = {
    window: p.get('window') || '6h',
    q: p.get('q') || '',
    groupBy: p.get('groupBy') || '',
    offset: Number(p.get('offset') || 0),
  };
  const windowSelect = el('select', { id: 'window', 'aria-label': 'Window' },
    ['1h', '6h', '24h', '7d'].map((w) => el('option', { value: w, selected: w === state.window }, 'last ' + w)));
  const filter = el('input', { id: 'filter', type: 'search', placeholder: 'name or label', value: state.q });
  const groupBy = el('input', { id: 'group-by', placeholder: 'label, e.g. host', value: state.groupBy, size: 14 });
  const lane = el('canvas', { id: 'swimlane', width: 1200, height: 40, role: 'img', tabindex: 0,
    'aria-label': 'Anomaly swim lane: arrow keys move between cells, Enter opens one' });
  const laneNote = el('p', { class: 'legend-note' });
  const table = el('tbody');
  const summary = el('p', { class: 'muted', id: 'now-summary' });
  const hostTable = el('tbody');
  const hostSection = el('section', { id: 'now-hosts', hidden: true }, el('h2', { text: 'Hosts' }),
    el('table', {}, el('thead', {}, el('tr', {}, el('th', { text: 'Host' }), el('th', { text: 'Rule' }),
      el('th', { class: 'num', text: 'Probability' }), el('th', { text: 'Since' }), el('th', { text: 'Deviated most' }))), hostTable),
    el('h2', { text: 'Series' }));
  const pager = el('div', { class: 'pager' });
  show(
    el('h1', { text: 'Anomalous now' }),
    el('div', { class: 'controls' },
      el('label', {}, 'Window', windowSelect),
      el('label', {}, 'Filter', filter),
      el('label', {}, 'Swim lane by', groupBy)),
    el('div', { class: 'panel' }, lane, laneNote),
    hostSection,
    summary,
    el('table', { id: 'now-table' },
      el('thead', {}, el('tr', {},
        el('th', { class: 'num', text: '#' }), el('th', { text: 'Series' }),
        el('th', { class: 'num', text: 'Probability' }), el('th', { text: 'Since' }),
        el('th', { class: 'num', text: 'Latest' }), el('th', { class: 'num', text: 'Expected' }),
        el('th', { text: 'Alert' }))),
      table),
    pager);

  const reload = () => {
    setParams('now', { window: state.window, q: state.q, groupBy: state.groupBy, offset: state.offset || '' });
    return Promise.all([loadRanking(), loadLane()]).catch(showError);
  };
  let typing = null;
  windowSelect.addEventListener('change', () => { state.window = windowSelect.value; state.offset = 0; reload(); });
  filter.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => { state.q = filter.value.trim(); state.offset = 0; reload(); }, 250);
  });
  groupBy.addEventListener('change', () => { state.groupBy = groupBy.value.trim(); reload(); });

  async function loadRanking() {
    const q = new URLSearchParams({ window: state.window, limit: 50, offset: state.offset });
    if (state.q) q.set('q', state.q);
    const now = await api.get('/api/v1/now?' + q);
    hostSection.hidden = now.hosts.length === 0;
    hostTable.replaceChildren(...now.hosts.map((h) => el('tr', {},
      el('td', { text: h.host }), el('td', { text: h.rule }),
      el('td', { class: 'num ' + probabilityClass(h.maxProbability), text: probabilityText(h.maxProbability) }),
      el('td', { title: h.since }, agoText(h.sinceMs), el('span', { class: 'muted', text: ` (${h.rows})` })),
      el('td', { text: h.contributors.map((c) => `${c.metric} ${Math.round(100 * c.share)}%`).join(', ') }))));
    summary.textContent = now.total === 0 ? 'Nothing anomalous in the last ' + state.window + '.'
      : `${now.total} series with anomalies in the last ${state.window}, most probable first.`;
    table.replaceChildren(...now.entries.map((e, i) => {
      const href = `#/series/${e.id}?at=${e.lastAnomalyMs}`;
      const alertCell = e.alert ? el('a', { href: `#/alerts/${e.alert.id}`, class: 'pill ' + e.alert.state, text: e.alert.state })
        : el('span', { class: 'muted', text: '–' });
      return el('tr', { class: 'selectable', 'data-series': e.id },
        el('td', { class: 'num', text: state.offset + i + 1 }),
        el('td', {}, el('a', { href }, e.series), ' ', el('span', { class: 'labels', text: labelText(e.labels) })),
        el('td', { class: 'num ' + probabilityClass(e.maxProbability), text: probabilityText(e.maxProbability) }),
        el('td', { title: e.since }, agoText(e.sinceMs), el('span', { class: 'muted', text: ` (${e.anomalies})` })),
        el('td', { class: 'num', text: valueText(e.lastValue, e.unit) }),
        el('td', { class: 'num', text: valueText(e.expected, e.unit) }),
        el('td', {}, alertCell));
    }));
    pager.replaceChildren(
      el('button', { type: 'button', disabled: state.offset === 0, onclick: () => { state.offset = Math.max(0, state.offset - 50); reload(); } }, 'Previous'),
      el('span', { class: 'muted', text: now.total ? `${state.offset + 1}–${Math.min(now.total, state.offset + 50)} of ${now.total}` : '' }),
      el('button', { type: 'button', disabled: state.offset + 50 >= now.total, onclick: () => { state.offset += 50; reload(); } }, 'Next'));
  }

  async function loadLane() {
    const q = new URLSearchParams({ window: state.window, buckets: 60, limit: 20 });
    if (state.groupBy) q.set('groupBy', state.groupBy);
    const lanes = await api.get('/api/v1/swimlane?' + q);
    drawLane(lane, lanes);
    laneNote.textContent = lanes.rows.length === 0 ? 'No anomalies to draw.'
      : `${lanes.rows.length} ${state.groupBy ? state.groupBy + ' values' : 'series names'} × ${lanes.rows[0].cells.length} cells of ${Math.round(lanes.bucketMs / 60000)} min; darker is more probable. Click a cell to see it.`;
  }
  await reload();
  clearInterval(refreshTimer);
  refreshTimer = setInterval(() => { if (document.visibilityState === 'visible' && location.hash.startsWith('#/now')) reload(); }, 30000);
}

function drawLane(canvas, lanes) {
  const rows = lanes.rows;
  const labelWidth = 160, rowHeight = 22;
  const width = canvas.clientWidth || 1200;
  canvas.width = width * devicePixelRatio;
  canvas.height = Math.max(1, rows.length) * rowHeight * devicePixelRatio;
  canvas.style.height = Math.max(1, rows.length) * rowHeight + 'px';
  const g = canvas.getContext('2d');
  g.scale(devicePixelRatio, devicePixelRatio);
  const styles = getComputedStyle(document.documentElement);
  g.font = '12px system-ui, sans-serif';
  g.textBaseline = 'middle';
  const drawCells = () => {
  g.clearRect(0, 0, width, rows.length * rowHeight);
  rows.forEach((row, r) => {
    g.fillStyle = styles.getPropertyValue('--fg');
    g.fillText(row.entity.length > 24 ? row.entity.slice(0, 23) + '…' : row.entity, 4, r * rowHeight + rowHeight / 2);
    const cellWidth = (width - labelWidth) / row.cells.length;
    row.cells.forEach((p, c) => {
      // Surprise, not probability, sets the shade: 0.99 faint, 0.999999 full.
      const strength = p <= 0 ? 0 : Math.min(1, Math.max(0.08, (-Math.log10(1 - Math.min(p, 1 - 1e-12)) - 1) / 5));
      g.fillStyle = strength === 0 ? styles.getPropertyValue('--panel') : `rgba(220, 38, 38, ${strength})`;
      g.fillRect(labelWidth + c * cellWidth, r * rowHeight + 2, Math.max(1, cellWidth - 1), rowHeight - 4);
    });
  });
  };
  drawCells();
  const open = (r, c) => {
    const row = rows[r];
    if (!row) return;
    const from = lanes.fromMs + c * lanes.bucketMs;
    location.hash = `#/series/${row.series[0]}?from=${from - 6 * lanes.bucketMs}&to=${from + 7 * lanes.bucketMs}&at=${from + lanes.bucketMs / 2}`;
  };
  canvas.onclick = (e) => {
    const rect = canvas.getBoundingClientRect();
    const r = Math.floor((e.clientY - rect.top) / rowHeight);
    const row = rows[r];
    if (!row || e.clientX - rect.left < labelWidth) return;
    open(r, Math.floor((e.clientX - rect.left - labelWidth) / ((rect.width - labelWidth) / row.cells.length)));
  };
  // Keyboard: a selected cell, outlined, moved with the arrows (starting at the hottest).
  let sel = null;
  const outline = () => {
    drawCells();
    if (!sel) return;
    const cellWidth = (width - labelWidth) / rows[sel[0]].cells.length;
    g.strokeStyle = styles.getPropertyValue('--accent');
    g.lineWidth = 2;
    g.strokeRect(labelWidth + sel[1] * cellWidth, sel[0] * rowHeight + 1, Math.max(2, cellWidth - 1), rowHeight - 2);
    const p = rows[sel[0]].cells[sel[1]];
    canvas.setAttribute('aria-label', `${rows[sel[0]].entity}, ${timeText(lanes.fromMs + sel[1] * lanes.bucketMs)}: ${p > 0 ? 'probability ' + probabilityText(p) : 'no anomaly'}. Enter opens it.`);
  };
  canvas.onkeydown = (e) => {
    if (!rows.length) return;
    if (!sel) {
      const hottest = rows[0].cells.indexOf(Math.max(...rows[0].cells));
      sel = [0, Math.max(0, hottest)];
    } else if (e.key === 'ArrowRight') sel[1] = Math.min(rows[sel[0]].cells.length - 1, sel[1] + 1);
    else if (e.key === 'ArrowLeft') sel[1] = Math.max(0, sel[1] - 1);
    else if (e.key === 'ArrowDown') sel[0] = Math.min(rows.length - 1, sel[0] + 1);
    else if (e.key === 'ArrowUp') sel[0] = Math.max(0, sel[0] - 1);
    else if (e.key === 'Enter') { open(sel[0], sel[1]); return; } else return;
    e.preventDefault();
    outline();
  };
}

// ---------------------------------------------------------------- a series

async function seriesPage(id) {
  const p = params();
  const at = p.get('at') ? Number(p.get('at')) : null;
  let from = p.get('from') ? Number(p.get('from')) : null;
  let to = p.get('to') ? Number(p.get('to')) : null;
  const holder = el('div', { class: 'chart', id: 'chart' });
  const facts = el('dl', { class: 'facts' });
  const anomalies = el('tbody');
  const title = el('h1', { text: 'Series ' + id });
  const markMessage = el('span', { id: 'mark-message', role: 'status', class: 'muted' });
  const forecastNote = el('p', { id: 'forecast-note', role: 'status' });
  let forecast = null;
  let showForecast = false;
  const forecastButton = el('button', { type: 'button', id: 'show-forecast', 'aria-pressed': 'false', onclick: () => {
    showForecast = !showForecast;
    forecastButton.setAttribute('aria-pressed', String(showForecast));
    forecastButton.classList.toggle('primary', showForecast);
    draw();
  } }, 'Forecast');
  let marking = false;
  const markButton = can('operator') ? el('button', { type: 'button', id: 'mark-missed', 'aria-pressed': 'false', onclick: () => {
    marking = !marking;
    markButton.setAttribute('aria-pressed', String(marking));
    markButton.classList.toggle('primary', marking);
    markMessage.textContent = marking ? 'Drag across the incident Vigil missed.' : '';
  } }, 'Mark a missed incident') : null;
  const pan = (direction) => {
    if (!last) return;
    const span = last.toMs - last.fromMs;
    from = last.fromMs + direction * Math.round(span / 2);
    to = last.toMs + direction * Math.round(span / 2);
    setParams('series/' + id, { from, to, at });
    draw();
  };
  const ranges = el('div', { class: 'controls' },
    el('button', { type: 'button', id: 'earlier', 'aria-label': 'Earlier', onclick: () => pan(-1) }, '\u25c0 Earlier'),
    ...[['All', null], ['7 d', 7], ['1 d', 1], ['6 h', 0.25]].map(([name, days]) =>
      el('button', { type: 'button', onclick: () => { zoom(days); } }, name)),
    el('button', { type: 'button', id: 'later', 'aria-label': 'Later', onclick: () => pan(1) }, 'Later \u25b6'),
    forecastButton, markButton, markMessage);
  show(title, facts, ranges, forecastNote,
    el('div', { class: 'panel' }, holder,
      el('p', { class: 'legend-note', text: 'Drag across the chart to zoom; the band is what the detector expected, red points are anomalies; shaded stretches are labelled incidents (red) and confirmed normal (grey).' })),
    relatedPanel(id, at),
    thresholdPanel(id, () => draw()),
    modelsPanel(id, () => draw()),
    el('h2', { text: 'Anomalies in view' }),
    el('table', {}, el('thead', {}, el('tr', {}, el('th', { text: 'Time' }), el('th', { class: 'num', text: 'Value' }),
      el('th', { class: 'num', text: 'Expected' }), el('th', { class: 'num', text: 'Probability' }))), anomalies));

  let last = null;
  function zoom(days) {
    if (!last) return;
    from = days === null ? null : (last.toMs - days * 86400000);
    to = null;
    setParams('series/' + id, { from, to, at });
    draw();
  }

  async function draw() {
    const q = new URLSearchParams({ width: Math.max(100, Math.min(4000, Math.round(holder.clientWidth || 1000))) });
    if (from !== null) q.set('from', from);
    if (to !== null) q.set('to', to);
    const [chart, feedback] = await Promise.all([api.get(`/api/v1/series/${id}/chart?` + q),
      api.get(`/api/v1/feedback?series=${id}`)]);
    chart.labels = feedback.labels;
    last = chart;
    forecast = null;
    forecastNote.textContent = '';
    const rule = await predictionFor(chart.series);
    if (rule || showForecast) {
      // Far enough to show the crossing the rule expects (up to 30 days), else a day.
      const toCross = rule && rule.secondsToCrossing ? Math.ceil(rule.secondsToCrossing * 1.15 / 3600) : null;
      const horizon = toCross ? Math.min(720, Math.max(1, toCross)) + 'h' : rule ? '72h' : '24h';
      const q2 = new URLSearchParams({ horizon });
      if (rule && rule.crossing) q2.set('limit', rule.crossing.limit);
      forecast = await api.get(`/api/v1/series/${id}/forecast?` + q2);
      forecastNote.textContent = forecastText(forecast, rule);
    }
    const s = chart.series;
    title.replaceChildren(s.series, ' ', el('span', { class: 'labels', text: labelText(s.labels) }));
    facts.replaceChildren(
      el('dt', { text: 'Detector' }), el('dd', { text: s.detector }),
      el('dt', { text: 'Model' }), el('dd', { text: s.model ? `version ${s.model.version} (${s.model.spec}), threshold ${probabilityText(s.model.threshold)}` : 'none promoted: the server\u2019s probability judges it' }),
      el('dt', { text: 'Points' }), el('dd', { text: s.points.toLocaleString('en') }),
      el('dt', { text: 'Shown' }), el('dd', { text: `${timeText(chart.fromMs)} to ${timeText(chart.toMs)}, ${chart.buckets.length} buckets` }));
    anomalies.replaceChildren(...chart.anomalies.slice(-200).reverse().map((a) => el('tr', {},
      el('td', { text: a.timestamp }), el('td', { class: 'num', text: valueText(a.value, chart.unit) }),
      el('td', { class: 'num', text: valueText(a.expected, chart.unit) }),
      el('td', { class: 'num ' + probabilityClass(a.probability), text: probabilityText(a.probability) }))));
    plot(holder, chart, at, async (lo, hi) => {
      if (marking) {
        marking = false;
        markButton.setAttribute('aria-pressed', 'false');
        markButton.classList.remove('primary');
        try {
          await api.post('/api/v1/feedback', { verdict: 'missed', series: Number(id), from: lo, to: hi });
          markMessage.textContent = `Recorded a missed incident from ${timeText(lo)} to ${timeText(hi)}.`;
          document.dispatchEvent(new CustomEvent('vigil:models-changed'));
        } catch (e) { markMessage.textContent = e.message; }
        draw();
        return;
      }
      from = lo; to = hi; setParams('series/' + id, { from, to, at }); draw();
    }, forecast);
  }
  await draw();
}

/**
 * The other series anomalous within half an hour of the moment in view (the incident, or the
 * series' latest anomaly): where to look next for a cause or a consequence.
 */
function relatedPanel(id, at) {
  const list = el('ul', { id: 'related' });
  const panel = el('section', {}, el('h2', { text: 'Anomalous around the same time' }), list);
  (async () => {
    let moment = at;
    if (moment === null) {
      const a = await api.get(`/api/v1/anomalies?series=${id}&limit=1`);
      if (!a.anomalies.length) { list.replaceChildren(el('li', { class: 'muted', text: 'This series has no anomaly yet.' })); return; }
      moment = a.anomalies[0].timestampMs;
    }
    const r = await api.get(`/api/v1/now?window=1h&until=${moment + 1800000}&limit=20`);
    const others = r.entries.filter((e) => String(e.id) !== String(id));
    list.replaceChildren(...(others.length ? others.map((e) => el('li', {},
      el('a', { href: `#/series/${e.id}?at=${e.sinceMs}` }, e.series + labelText(e.labels)), ' ',
      el('span', { class: 'muted', text: `${probabilityText(e.maxProbability)}, from ${timeText(e.sinceMs)}` })))
      : [el('li', { class: 'muted', text: `No other series was anomalous within 30 minutes of ${timeText(moment)}.` })]));
  })().catch((e) => { list.replaceChildren(el('li', { class: 'error', text: e.message })); });
  return panel;
}

/** p = 1 − 10^−nines: the slider moves in nines, where thresholds live. */
const nines = (p) => -Math.log10(1 - p);
const fromNines = (n) => Number((1 - Math.pow(10, -n)).toPrecision(Math.ceil(n) + 2));

function thresholdPanel(id, redraw) {
  const slider = el('input', { id: 'threshold-slider', type: 'range', min: 1, max: 9, step: 0.25, value: 3, 'aria-label': 'Threshold in nines' });
  const value = el('output', { id: 'threshold-value' });
  const result = el('p', { id: 'threshold-preview', role: 'status' });
  const saved = el('p', { id: 'threshold-saved', role: 'status' });
  const panel = el('section', { class: 'panel', id: 'threshold-panel' },
    el('h2', { text: 'Threshold' }),
    el('p', { class: 'muted', text: 'Move it to see, on the stored history as this series\u2019 detector scores it, how many alerts it would have raised and which labelled incidents it would have caught. Saving registers a model version, so a rollback undoes it.' }),
    el('div', { class: 'controls' }, el('label', {}, 'Probability', slider), value,
      can('admin') ? el('button', { type: 'button', id: 'threshold-save', class: 'primary', onclick: save }, 'Save as a new version') : null),
    result, saved);
  let timer = null;
  let current = null;
  async function preview() {
    const p = fromNines(Number(slider.value));
    value.textContent = probabilityText(p);
    try {
      const r = await api.get(`/api/v1/series/${id}/threshold?probability=${p}`);
      current = r.current;
      const incidents = r.proposed.incidents ? `; catches ${r.proposed.incidentsCaught} of ${r.proposed.incidents} labelled incidents (now ${r.current.incidentsCaught})` : '; no labelled incidents yet';
      result.textContent = `At ${probabilityText(p)}: ${plural(r.proposed.alerts, 'alert')} over ${r.points.toLocaleString('en')} points from ${r.from} to ${r.to} (now, at ${probabilityText(r.current.threshold)}: ${r.current.alerts})${incidents}.`;
      result.dataset.alerts = r.proposed.alerts;
      result.dataset.probability = p;
      panel.dataset.ready = 'yes';
    } catch (e) { result.textContent = e.message; }
  }
  async function save() {
    try {
      const v = await api.post(`/api/v1/series/${id}/threshold`, { probability: fromNines(Number(slider.value)) });
      saved.textContent = `Version ${v.version} (threshold ${probabilityText(v.threshold)}) is now the champion.`;
      document.dispatchEvent(new CustomEvent('vigil:models-changed'));
      redraw();
    } catch (e) { saved.textContent = e.message; }
  }
  slider.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(preview, 200); });
  onModelsChanged(() => preview()); // a new label or champion changes the figures
  // Start at the threshold in force.
  api.get(`/api/v1/series/${id}/threshold?probability=0.999`).then((r) => {
    slider.value = Math.min(9, Math.max(1, Math.round(nines(r.current.threshold) * 4) / 4));
    return preview();
  }).catch((e) => { result.textContent = e.message; });
  return panel;
}

function modelsPanel(id, redraw) {
  const body = el('tbody');
  const health = el('p', { id: 'model-health' });
  const message = el('p', { id: 'models-message', role: 'status' });
  const panel = el('section', { class: 'panel', id: 'models-panel' },
    el('h2', { text: 'Models' }),
    can('admin') ? el('div', { class: 'controls' },
      el('button', { type: 'button', id: 'train', onclick: train }, 'Train candidates'),
      el('button', { type: 'button', id: 'rollback', onclick: rollback }, 'Roll back')) : null,
    health,
    el('table', {}, el('thead', {}, el('tr', {}, el('th', { text: 'Version' }), el('th', { text: 'Status' }),
      el('th', { text: 'Detector' }), el('th', { class: 'num', text: 'Threshold' }), el('th', { text: 'Chosen by' }),
      el('th', { text: 'Validation' }), el('th', { text: 'By' }), el('th', {}))), body),
    message);
  async function load() {
    const [r, h] = await Promise.all([api.get(`/api/v1/series/${id}/models`), api.get('/api/v1/models/health')]);
    const mine = h.models.find((m) => String(m.seriesId) === String(id));
    health.textContent = !mine ? '' : `Champion v${mine.version}: ${mine.status}${mine.reasons.length ? ' (' + mine.reasons.join('; ') + ')' : ''}; `
      + `alert rate ${pct(mine.alertRate)} live against ${pct(mine.trainingAlertRate)} in training, drift ${mine.drift === null ? '–' : mine.drift.toFixed(2)} over ${mine.points} points.`;
    const shadows = await Promise.all(r.models.filter((m) => m.shadowFromSeq !== undefined)
      .map((m) => api.get(`/api/v1/models/${m.id}/shadow`).then((c) => [m.id, c]).catch(() => [m.id, null])));
    const comparison = Object.fromEntries(shadows);
    body.replaceChildren(...r.models.map((m) => el('tr', {},
      el('td', { text: 'v' + m.version }), el('td', {}, el('span', { class: 'pill ' + (m.status === 'champion' ? 'resolved' : 'pending'), text: m.status })),
      el('td', { text: m.spec }), el('td', { class: 'num', text: probabilityText(m.threshold) }), el('td', { text: m.thresholdMethod }),
      el('td', { text: `${m.validation.metric} ${figureText(m.validation)}, alert rate ${pct(m.validation.alertRate)}` }),
      el('td', { text: m.createdBy }),
      el('td', {}, m.status === 'champion' || !can('admin') ? null : [
        el('button', { type: 'button', onclick: () => act(`/api/v1/models/${m.id}/promote`, `Version ${m.version} promoted.`) }, 'Promote'), ' ',
        m.shadowFromSeq === undefined
          ? el('button', { type: 'button', onclick: () => act(`/api/v1/models/${m.id}/shadow`, `Version ${m.version} runs in the champion\u2019s shadow from the next point.`) }, 'Shadow')
          : el('button', { type: 'button', onclick: () => remove(`/api/v1/models/${m.id}/shadow`, `Version ${m.version} no longer in shadow.`) }, 'Stop shadow')],
        comparison[m.id] ? el('div', { class: 'muted', text: shadowText(comparison[m.id]) }) : null))));
    if (r.models.length === 0) body.replaceChildren(el('tr', {}, el('td', { colspan: 8, class: 'muted', text: 'No versions yet: train candidates, or save a threshold.' })));
  }
  async function act(path, done) {
    try {
      await api.post(path, {});
      message.textContent = done;
      document.dispatchEvent(new CustomEvent('vigil:models-changed'));
      redraw();
    } catch (e) { message.textContent = e.message; }
  }
  async function remove(path, done) {
    try {
      await api.del(path);
      message.textContent = done;
      document.dispatchEvent(new CustomEvent('vigil:models-changed'));
    } catch (e) { message.textContent = e.message; }
  }
  async function train() {
    message.textContent = 'Training…';
    try {
      const r = await api.post('/api/v1/models/train?wait=true', { series: Number(id) });
      const v = r.versions && r.versions[0];
      message.textContent = v ? `Trained version ${v.version}: ${v.spec}, ${v.validation.metric} ${figureText(v.validation)}.` : 'Trained.';
      await load();
    } catch (e) { message.textContent = e.message; }
  }
  function rollback() { act(`/api/v1/series/${id}/rollback`, 'Rolled back to the previous champion.'); }
  onModelsChanged(() => load().catch((e) => { message.textContent = e.message; }));
  load().catch((e) => { message.textContent = e.message; });
  return panel;
}

/** Listens for model changes while the page that asked is shown; replaced on the next page. */
let modelListeners = [];
function onModelsChanged(f) {
  modelListeners.push(f);
}
document.addEventListener('vigil:models-changed', () => modelListeners.forEach((f) => f()));

/** The prediction rule's latest estimate for this series, if a rule covers it. */
async function predictionFor(series) {
  const p = await api.get('/api/v1/predictions');
  return p.predictions.find((e) => e.series === series.series
    && JSON.stringify(e.labels) === JSON.stringify(series.labels)) || null;
}

function forecastText(f, rule) {
  const head = `Forecast by ${f.method}${f.season > 1 ? ' (season of ' + f.season + ' steps)' : ''}, ${Math.round(100 * f.coverage)}% interval`;
  if (!rule) return head + '.';
  if (rule.reached) return `${head}. Prediction rule ${rule.rule}: the limit is reached already.`;
  const c = rule.crossing || f.crossing;
  if (!c || !c.withinHorizon) return `${head}. Prediction rule ${rule.rule}: limit ${valueText(c ? c.limit : null)} not reached within the horizon.`;
  return `${head}. Prediction rule ${rule.rule}: limit ${valueText(c.limit)} expected at ${c.expected} (between ${c.earliest || '–'} and ${c.latest || '–'}).`;
}

/** A validation figure: a count for counts, three decimals for scores. */
function figureText(v) {
  if (v.figure === null || v.figure === undefined) return '–';
  return v.metric === 'alerts' ? String(Math.round(v.figure)) : Number(v.figure).toFixed(3);
}

function pct(x) {
  return x === null || x === undefined ? '–' : (100 * x).toFixed(2) + '%';
}

/** A shadow run beside its champion, on the same points. */
function shadowText(c) {
  const f1 = (x) => x === null || x === undefined ? '–' : x.toFixed(3);
  return `in shadow: ${plural(c.challenger.alerts, 'alert')} against the champion\u2019s ${c.champion.alerts} over ${c.challenger.points} points`
    + (c.incidentPoints ? `; F1 ${f1(c.challenger.f1)} against ${f1(c.champion.f1)} on ${c.incidentPoints} labelled points` : '');
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

let currentPlot = null;
function plot(holder, chart, atMs, onZoom, forecast) {
  const b = chart.buckets;
  const steps = forecast ? forecast.forecast.filter((f) => Date.parse(f.timestamp) > (b.length ? b[b.length - 1].lastMs : 0)) : [];
  const pad = (values) => values.concat(steps.map(() => null));
  const xs = b.map((k) => (k.firstMs + k.lastMs) / 2000).concat(steps.map((f) => Date.parse(f.timestamp) / 1000));
  const value = pad(b.map((k) => k.last));
  const expected = pad(b.map((k) => k.expected));
  const lower = pad(b.map((k) => k.lower));
  const upper = pad(b.map((k) => k.upper));
  const ahead = (key) => b.map(() => null).concat(steps.map((f) => f[key]));
  const limit = forecast && forecast.crossing ? forecast.crossing.limit : null;
  // Anomalies drawn at their bucket, at the value furthest from what was expected.
  const marks = pad(b.map(() => null));
  let j = 0;
  chart.anomalies.forEach((a) => {
    while (j < b.length - 1 && b[j].lastMs < a.timestampMs) j++;
    marks[j] = a.value;
  });
  const styles = getComputedStyle(document.documentElement);
  const accent = styles.getPropertyValue('--accent').trim();
  const bad = styles.getPropertyValue('--bad').trim();
  const band = styles.getPropertyValue('--band').trim();
  const muted = styles.getPropertyValue('--muted').trim();
  const fg = styles.getPropertyValue('--fg').trim();
  const axis = { stroke: muted, grid: { stroke: styles.getPropertyValue('--line').trim() } };
  const opts = {
    width: holder.clientWidth || 1000,
    height: 360,
    scales: { x: { time: true } },
    axes: [axis, { ...axis, values: (u, vals) => vals.map((v) => valueText(v, chart.unit)), size: 80 }],
    series: [
      {},
      { label: 'lower', stroke: band, width: 0 },
      { label: 'upper', stroke: band, width: 0 },
      { label: 'expected', stroke: muted, dash: [4, 4], width: 1 },
      { label: 'value', stroke: accent, width: 1.5 },
      { label: 'anomaly', stroke: bad, width: 0, points: { show: true, size: 7, fill: bad, stroke: bad }, paths: () => null },
      { label: 'forecast low', stroke: 'rgba(217,119,6,0.3)', width: 0 },
      { label: 'forecast high', stroke: 'rgba(217,119,6,0.3)', width: 0 },
      { label: 'forecast', stroke: '#d97706', dash: [6, 3], width: 1.5 },
    ],
    bands: [{ series: [2, 1], fill: band }, { series: [7, 6], fill: 'rgba(217,119,6,0.15)' }],
    cursor: { drag: { x: true, y: false } },
    hooks: {
      setSelect: [(u) => {
        if (u.select.width < 3) return;
        const lo = Math.round(u.posToVal(u.select.left, 'x') * 1000);
        const hi = Math.round(u.posToVal(u.select.left + u.select.width, 'x') * 1000);
        onZoom(lo, hi);
      }],
      drawClear: [(u) => {
        // Labelled stretches, under the lines: incidents red, confirmed normal grey.
        for (const l of chart.labels || []) {
          const x0 = Math.max(u.bbox.left, u.valToPos(Date.parse(l.from) / 1000, 'x', true));
          const x1 = Math.min(u.bbox.left + u.bbox.width, u.valToPos(Date.parse(l.to) / 1000, 'x', true));
          if (x1 < u.bbox.left || x0 > u.bbox.left + u.bbox.width) continue;
          u.ctx.save();
          u.ctx.fillStyle = l.anomalous ? 'rgba(220, 38, 38, 0.12)' : 'rgba(107, 114, 128, 0.12)';
          u.ctx.fillRect(x0, u.bbox.top, Math.max(2, x1 - x0), u.bbox.height);
          u.ctx.restore();
        }
      }],
      draw: [(u) => {
        if (limit !== null) {
          const y = u.valToPos(limit, 'y', true);
          if (y >= u.bbox.top && y <= u.bbox.top + u.bbox.height) {
            u.ctx.save();
            u.ctx.strokeStyle = bad;
            u.ctx.setLineDash([6, 4]);
            u.ctx.beginPath();
            u.ctx.moveTo(u.bbox.left, y);
            u.ctx.lineTo(u.bbox.left + u.bbox.width, y);
            u.ctx.stroke();
            u.ctx.restore();
          }
        }
        if (atMs === null) return;
        const x = u.valToPos(atMs / 1000, 'x', true);
        if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) return;
        u.ctx.save();
        u.ctx.strokeStyle = fg;
        u.ctx.setLineDash([2, 3]);
        u.ctx.beginPath();
        u.ctx.moveTo(x, u.bbox.top);
        u.ctx.lineTo(x, u.bbox.top + u.bbox.height);
        u.ctx.stroke();
        u.ctx.restore();
      }],
    },
  };
  if (currentPlot) currentPlot.destroy();
  holder.replaceChildren();
  if (limit !== null) {
    // Keep the limit in view: the y range reaches it.
    opts.scales.y = { range: (u, lo, hi) => [Math.min(lo, limit), Math.max(hi, limit) * 1.02] };
  }
  currentPlot = new uPlot(opts, [xs, lower, upper, expected, value, marks,
    ahead('lower'), ahead('upper'), ahead('mean')], holder);
}

async function seriesListPage() {
  const p = params();
  const after = p.get('after') || '';
  const q = new URLSearchParams({ limit: 100 });
  if (after) q.set('after', after);
  const list = await api.get('/api/v1/series?' + q);
  show(el('h1', { text: 'Series' }),
    el('table', {}, el('thead', {}, el('tr', {}, el('th', { text: 'Series' }), el('th', { text: 'Detector' }),
      el('th', { class: 'num', text: 'Points' }), el('th', { text: 'Last' }))),
    el('tbody', {}, ...list.series.map((s) => el('tr', {},
      el('td', {}, el('a', { href: `#/series/${s.id}` }, s.series), ' ', el('span', { class: 'labels', text: labelText(s.labels) })),
      el('td', { text: s.detector }), el('td', { class: 'num', text: s.points.toLocaleString('en') }),
      el('td', { text: s.lastTimestamp ? `${valueText(s.lastValue)} at ${s.lastTimestamp}` : '–' }))))),
    el('div', { class: 'pager' },
      after ? el('a', { href: '#/series' }, 'First page') : null,
      list.next ? el('a', { href: `#/series?after=${list.next}` }, 'Next page') : null));
}

// ---------------------------------------------------------------- alerts

async function alertsPage() {
  const p = params();
  const state = p.get('state') || '';
  const select = el('select', { id: 'state', 'aria-label': 'State' },
    ['', 'firing', 'pending', 'resolved', 'cancelled'].map((s) => el('option', { value: s, selected: s === state }, s || 'any state')));
  select.addEventListener('change', () => { location.hash = '#/alerts' + (select.value ? '?state=' + select.value : ''); });
  const q = new URLSearchParams({ limit: 200 });
  if (state) q.set('state', state);
  const [list, silences] = await Promise.all([api.get('/api/v1/alerts?' + q), api.get('/api/v1/silences')]);
  show(el('h1', { text: 'Alerts' }),
    el('div', { class: 'controls' }, el('label', {}, 'State', select)),
    el('table', { id: 'alerts-table' }, el('thead', {}, el('tr', {}, el('th', { text: 'Alert' }), el('th', { text: 'State' }),
      el('th', { text: 'Rule' }), el('th', { text: 'Summary' }), el('th', { text: 'Started' }))),
    el('tbody', {}, ...list.alerts.map((a) => el('tr', { class: 'selectable' },
      el('td', {}, el('a', { href: `#/alerts/${a.id}` }, '#' + a.id)),
      el('td', {}, el('span', { class: 'pill ' + a.state, text: a.state })),
      el('td', { text: a.rule }), el('td', { text: a.summary }), el('td', { text: a.startsAt }))))),
    silencesPanel(silences.silences));
}

function silencesPanel(silences) {
  return el('section', {}, el('h2', { text: 'Active silences' }),
    silences.length === 0 ? el('p', { class: 'muted', text: 'None.' }) :
      el('table', { id: 'silences-table' }, el('tbody', {}, ...silences.map((s) => el('tr', {},
        el('td', { text: labelText(s.matchers) }), el('td', { text: 'until ' + s.endsAt }), el('td', { text: s.comment }),
        el('td', {}, can('operator') ? el('button', { type: 'button', class: 'danger', onclick: async () => { await api.del('/api/v1/silences/' + s.id); route(); } }, 'Expire') : null))))));
}

async function alertPage(id) {
  const a = await api.get('/api/v1/alerts/' + id);
  const covered = await api.get(`/api/v1/alerts/${id}/series`);
  const message = el('p', { id: 'alert-message', role: 'status' });
  const silenceMessage = el('p', { id: 'silence-message', role: 'status' });
  const matchers = Object.fromEntries(Object.entries(a.labels).filter(([k]) => k !== 'alertname'));
  const duration = el('select', { id: 'silence-duration', 'aria-label': 'Silence for' },
    ['1h', '4h', '12h', '24h', '72h'].map((d) => el('option', { value: d }, d)));
  const comment = el('input', { id: 'silence-comment', placeholder: 'why (deploy, known issue…)', size: 30 });
  const feedback = (verdict) => async () => {
    try {
      await api.post('/api/v1/feedback', { verdict, alert: Number(id) });
      message.textContent = `Recorded as ${verdict.replace('-', ' ')}: the next training learns from it.`;
    } catch (e) { message.textContent = e.message; }
  };
  const chartHolder = el('div');
  show(
    el('h1', {}, `Alert #${a.id} `, el('span', { class: 'pill ' + a.state, text: a.state })),
    el('p', { text: a.summary }),
    el('dl', { class: 'facts' },
      el('dt', { text: 'Rule' }), el('dd', { text: a.rule }),
      el('dt', { text: 'Labels' }), el('dd', { text: labelText(a.labels) }),
      el('dt', { text: 'Started' }), el('dd', { text: a.startsAt }),
      el('dt', { text: 'Fired' }), el('dd', { text: a.firedAt || 'not yet' }),
      el('dt', { text: 'Ended' }), el('dd', { text: a.endsAt || 'not yet' }),
      el('dt', { text: 'Highest probability' }), el('dd', { text: probabilityText(a.maxProbability) }),
      el('dt', { text: 'Series' }), el('dd', {}, ...covered.series.map((s) => el('a', { href: `#/series/${s.id}?at=${Date.parse(a.startsAt)}` }, s.series + labelText(s.labels) + ' '))),
      a.causes.length ? el('dt', { text: 'Probable origin' }) : null,
      a.causes.length ? el('dd', { text: a.causes.map((c) => c.name).join(' → ') }) : null),
    !can('operator') ? el('p', { class: 'muted', id: 'read-only', text: `Your token (${identity.role}) can read alerts; feedback and silences need an operator token.` }) : null,
    !can('operator') ? null : el('section', { class: 'panel' }, el('h2', { text: 'Was it a real problem?' }),
      el('button', { type: 'button', id: 'true-positive', onclick: feedback('true-positive') }, 'Yes, true positive'), ' ',
      el('button', { type: 'button', id: 'false-positive', onclick: feedback('false-positive') }, 'No, false positive'),
      message),
    !can('operator') ? null : el('section', { class: 'panel' }, el('h2', { text: 'Silence alerts like this' }),
      el('p', { class: 'muted', text: 'Matching ' + labelText(matchers) }),
      el('div', { class: 'controls' }, el('label', {}, 'For', duration), el('label', {}, 'Comment', comment),
        el('button', { type: 'button', id: 'silence', class: 'primary', onclick: async () => {
          try {
            const s = await api.post('/api/v1/silences', { matchers: escapeAll(matchers), duration: duration.value, comment: comment.value });
            silenceMessage.textContent = `Silenced until ${s.endsAt}.`;
          } catch (e) { silenceMessage.textContent = e.message; }
        } }, 'Silence')), silenceMessage),
    chartHolder,
    el('h2', { text: 'Deliveries' }),
    el('table', {}, el('tbody', {}, ...a.deliveries.map((d) => el('tr', {},
      el('td', { text: d.at }), el('td', { text: d.notifier }), el('td', { text: d.event }),
      el('td', { text: d.outcome }), el('td', { class: 'muted', text: d.error }))))));
  if (covered.series.length > 0) {
    const start = Date.parse(a.startsAt);
    const end = a.endsAt ? Date.parse(a.endsAt) : Date.parse(a.lastAnomalyAt);
    const margin = Math.max(3600000, (end - start) * 2);
    const chart = await api.get(`/api/v1/series/${covered.series[0].id}/chart?width=1000&from=${start - margin}&to=${end + margin}`);
    const holder = el('div', { class: 'chart', id: 'chart' });
    chartHolder.replaceChildren(el('h2', { text: 'Around the incident' }), el('div', { class: 'panel' }, holder));
    plot(holder, chart, start, (lo, hi) => { location.hash = `#/series/${covered.series[0].id}?from=${lo}&to=${hi}&at=${start}`; });
  }
}

/** Silence matchers are regular expressions: label values are matched literally. */
function escapeAll(labels) {
  return Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')]));
}

// ---------------------------------------------------------------- behaviour

async function behaviourPage() {
  const p = params();
  const values = { entity: p.get('entity') || 'user', peers: p.get('peers') || '', recent: p.get('recent') || '24h', baseline: p.get('baseline') || '30d' };
  const inputs = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, el('input', { id: 'behaviour-' + k, value: v, size: 10 })]));
  const form = el('form', { class: 'controls', onsubmit: (e) => {
    e.preventDefault();
    const q = new URLSearchParams();
    for (const [k, input] of Object.entries(inputs)) if (input.value.trim()) q.set(k, input.value.trim());
    location.hash = '#/behaviour?' + q;
  } },
  el('label', {}, 'Entity field', inputs.entity), el('label', {}, 'Peer field', inputs.peers),
  el('label', {}, 'Recent', inputs.recent), el('label', {}, 'Baseline', inputs.baseline),
  el('button', { type: 'submit', class: 'primary' }, 'Rank'));
  const body = el('tbody');
  const summary = el('p', { class: 'muted', id: 'behaviour-summary' });
  show(el('h1', { text: 'Behaviour' }), form, summary,
    el('table', { id: 'behaviour-table' }, el('thead', {}, el('tr', {}, el('th', { class: 'num', text: '#' }),
      el('th', { text: 'Entity' }), el('th', { class: 'num', text: 'Score' }), el('th', { class: 'num', text: 'Events (recent / baseline)' }),
      el('th', { text: 'Why' }))), body));
  const q = new URLSearchParams({ entity: values.entity, recent: values.recent, baseline: values.baseline });
  if (values.peers) q.set('peers', values.peers);
  const r = await api.get('/api/v1/behaviour?' + q);
  summary.textContent = `${r.events.toLocaleString('en')} events of ${r.entities} ${values.entity} values; recent from ${r.recentFrom} to ${r.until}, judged against ${r.baselineFrom} on. ${r.ranked.length === 0 ? 'None broke its habits.' : r.ranked.length === 1 ? 'One broke its habits.' : r.ranked.length + ' broke their habits.'}`;
  body.replaceChildren(...r.ranked.map((b, i) => el('tr', {},
    el('td', { class: 'num', text: i + 1 }),
    el('td', {}, b.entity, b.peerGroup ? el('span', { class: 'labels', text: ` (peers: ${b.peerGroup})` }) : null),
    el('td', { class: 'num', text: b.score.toFixed(1) }),
    el('td', { class: 'num', text: `${b.recentEvents} / ${b.baselineEvents}` }),
    el('td', {}, el('ul', {}, ...b.findings.map((f) => el('li', {}, el('span', { class: 'muted', text: `[${f.kind} ${f.score.toFixed(1)}] ` }), f.reason)))))));
}

// ---------------------------------------------------------------- report

async function reportPage() {
  const p = params();
  const since = p.get('since') || '7d';
  const select = el('select', { id: 'report-since', 'aria-label': 'Period' },
    ['1d', '7d', '30d'].map((d) => el('option', { value: d, selected: d === since }, 'last ' + d)));
  select.addEventListener('change', () => { location.hash = '#/report?since=' + select.value; });
  const frame = el('iframe', { id: 'report-frame', title: 'Report', class: 'report-frame' });
  const html = await call('GET', `/api/v1/report?since=${encodeURIComponent(since)}&format=html`, undefined, true);
  frame.srcdoc = html;
  const download = () => {
    const a = el('a', { href: URL.createObjectURL(new Blob([html], { type: 'text/html' })), download: `vigil-report-${since}.html` });
    document.body.append(a);
    a.click();
    a.remove();
  };
  show(el('h1', { text: 'Report' }),
    el('div', { class: 'controls' }, el('label', {}, 'Period', select),
      el('button', { type: 'button', onclick: () => frame.contentWindow.print() }, 'Print'),
      el('button', { type: 'button', onclick: download }, 'Download HTML'),
      el('span', { class: 'muted', text: `or: vigil report --since ${since} --output report.html` })),
    frame);
  await new Promise((resolve) => { frame.onload = resolve; setTimeout(resolve, 3000); });
  frame.style.height = (frame.contentDocument.documentElement.scrollHeight + 20) + 'px';
}

// ---------------------------------------------------------------- routing

async function route() {
  const [path] = location.hash.replace(/^#\/?/, '').split('?');
  const parts = path.split('/').filter(Boolean);
  const page = parts[0] || 'now';
  document.querySelectorAll('header nav a').forEach((a) => a.classList.toggle('active', a.dataset.page === page));
  clearInterval(refreshTimer);
  modelListeners = [];
  try {
    if (identity === null) await showWho();
    if (page === 'now') await nowPage();
    else if (page === 'series' && parts[1]) await seriesPage(parts[1]);
    else if (page === 'series') await seriesListPage();
    else if (page === 'alerts' && parts[1]) await alertPage(parts[1]);
    else if (page === 'alerts') await alertsPage();
    else if (page === 'report') await reportPage();
    else if (page === 'behaviour') await behaviourPage();
    else show(el('h1', { text: 'No such page' }), el('a', { href: '#/now' }, 'Back to what is anomalous now'));
    document.body.dataset.ready = page;
  } catch (e) {
    showError(e);
    document.body.dataset.ready = 'error';
  }
}

window.addEventListener('hashchange', route);
route();
