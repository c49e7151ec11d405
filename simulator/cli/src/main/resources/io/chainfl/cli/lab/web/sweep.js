// chainfl lab, the Sweep page: a base config plus one or two axes (a key path and its values) becomes the same
// config with a sweep: block, which the server checks and runs as chainfl sweep would; the heatmap fills in cell by
// cell as the runs finish. Uses app.js's helpers (api, make, notice, showTab, withToken, state).
'use strict';
const SWEEP_KEYS = [
  {key: 'adversaries.0.fraction', label: 'attack fraction (the first attack)', values: '0.0, 0.2, 0.4'},
  {key: 'adversaries.0.type', label: 'attack type (the first attack)', values: 'label_flip, sign_flip'},
  {key: 'scenario.aggregator.type', label: 'aggregator (defence)', values: 'fedavg, median, krum'},
  {key: 'participants', label: 'participants', values: '10, 20'},
  {key: 'training.lr', label: 'learning rate', values: '0.05, 0.1'},
];
const OTHER_KEY = '(another key path)';

function axisRequest(box) {
  const choice = box.querySelector('.axis-key').value;
  if (choice === '') return null;
  const key = choice === OTHER_KEY ? box.querySelector('.axis-other').value.trim() : choice;
  const raw = box.querySelector('.axis-values').value;
  const values = raw.split(',').map(v => v.trim()).filter(v => v !== '');
  return {key, values};
}

function sweepRequest() {
  const base = $('#sweep-base').value;
  const axes = [...document.querySelectorAll('#sweep .axis')].map(axisRequest).filter(a => a !== null);
  return base === 'compose' ? {yaml: $('#yaml').value, axes} : {config: base, axes};
}

function setupAxes() {
  document.querySelectorAll('#sweep .axis').forEach((box, i) => {
    const select = box.querySelector('.axis-key');
    const options = (i === 0 ? [] : [make('option', {value: ''}, '(none: one row)')])
      .concat(SWEEP_KEYS.map(k => make('option', {value: k.key}, k.label + ': ' + k.key)), [make('option', {value: OTHER_KEY}, OTHER_KEY)]);
    select.replaceChildren(...options);
    select.value = i === 0 ? SWEEP_KEYS[0].key : SWEEP_KEYS[2].key;
    const fillValues = () => {
      const known = SWEEP_KEYS.find(k => k.key === select.value);
      box.querySelector('.axis-other').hidden = select.value !== OTHER_KEY;
      box.querySelector('.axis-values').hidden = select.value === '';
      if (known) box.querySelector('.axis-values').value = known.values;
      schedulePlan();
    };
    select.addEventListener('change', fillValues);
    box.querySelectorAll('input').forEach(input => input.addEventListener('input', schedulePlan));
    fillValues();
  });
  $('#sweep-base').addEventListener('change', schedulePlan);
}

function fillSweepBases() {
  const select = $('#sweep-base');
  const keep = select.value;
  select.replaceChildren(make('option', {value: 'compose'}, '(the YAML in Compose)'),
    ...state.catalogue.configs.map(c => make('option', {value: c}, c)));
  select.value = keep || 'compose';
}

// ---------- the plan: the grid's size before launching, or the CLI's line for what is wrong
let planTimer = null;
let planSeq = 0;
function schedulePlan() {
  clearTimeout(planTimer);
  planTimer = setTimeout(plan, 300);
}
async function plan() {
  const seq = ++planSeq;
  const error = $('#sweep-error');
  try {
    const answer = await api('/api/sweep/plan', sweepRequest());
    if (seq !== planSeq) return;
    error.hidden = true;
    $('#sweep-size').textContent = 'grid ' + answer.shape + ' = ' + answer.runs + ' run' + (answer.runs === 1 ? '' : 's');
    $('#sweep-yaml').textContent = answer.yaml;
    $('#sweep-launch').disabled = false;
  } catch (e) {
    if (seq !== planSeq) return;
    error.hidden = false;
    error.textContent = e.message;
    $('#sweep-size').textContent = 'not valid';
    $('#sweep-launch').disabled = true;
  }
}

$('#sweep-launch').addEventListener('click', async () => {
  try {
    const answer = await api('/api/sweeps', sweepRequest());
    notice('launched the sweep ' + answer.id);
    followSweep(answer.id);
  } catch (e) { notice(e.message, true); }
});
$('#sweep-stop').addEventListener('click', async () => {
  try { await api('/api/stop', {id: state.sweep.id}); notice('stopping ' + state.sweep.id + ': finished cells stay'); } catch (e) { notice(e.message, true); }
});
$('#sweep-resume').addEventListener('click', async () => {
  try { const a = await api('/api/resume', {id: state.sweep.id}); notice('resuming ' + a.id); followSweep(a.id); } catch (e) { notice(e.message, true); }
});

// ---------- following a sweep and drawing its heatmap
function followSweep(id) {
  if (state.sweep && state.sweep.source) state.sweep.source.close();
  state.sweep = {id, plan: null, cells: {}, history: []};
  $('#sweep-id').textContent = id;
  showTab('sweep');
  const source = new EventSource(withToken('/api/sweep/stream?id=' + encodeURIComponent(id)));
  state.sweep.source = source;
  source.addEventListener('plan', m => { state.sweep.plan = JSON.parse(m.data); drawSweep(); });
  source.addEventListener('cell', m => {
    const d = JSON.parse(m.data);
    state.sweep.cells[d.index] = d;
    drawSweep();
  });
  source.addEventListener('status', m => {
    const info = JSON.parse(m.data);
    $('#sweep-state').textContent = info.state.toLowerCase();
    $('#sweep-message').textContent = info.message || '';
    $('#sweep-stop').disabled = !['QUEUED', 'RUNNING'].includes(info.state);
    $('#sweep-resume').disabled = !['STOPPED', 'INCOMPLETE'].includes(info.state);
    const report = $('#sweep-report');
    report.hidden = !info.hasReport;
    report.href = withToken('/files/' + info.id + '/report.html');
  });
  source.addEventListener('end', () => source.close());
}

function sweepMetrics() {
  const names = new Set();
  Object.values(state.sweep.cells).forEach(c => Object.keys(c.final || {}).forEach(k => names.add(k)));
  return [...names];
}

function drawSweep() {
  const s = state.sweep;
  if (!s || !s.plan) return;
  const select = $('#sweep-metric');
  const metrics = sweepMetrics();
  const chosen = select.value || 'accuracy';
  if ([...select.options].map(o => o.value).join() !== metrics.join()) {
    select.replaceChildren(...metrics.map(m => make('option', {value: m}, m === 'accuracy' ? 'final accuracy' : m)));
  }
  select.value = metrics.includes(chosen) ? chosen : (metrics.includes('accuracy') ? 'accuracy' : (metrics[0] || ''));
  const metric = select.value || 'accuracy';
  const axes = s.plan.axes;
  const rowAxis = axes.length > 1 ? axes[0] : null, colAxis = axes[axes.length - 1];
  // the runs of a grid point (several when the sweep has seeds) make one cell: the mean of those that finished
  const groups = new Map();
  for (const p of s.plan.cells) {
    const row = rowAxis ? rowAxis.values.indexOf(p.values[rowAxis.key]) : 0;
    const col = colAxis.values.indexOf(p.values[colAxis.key]);
    const key = row + ',' + col;
    if (!groups.has(key)) groups.set(key, {row, col, runs: []});
    groups.get(key).runs.push(Object.assign({}, p, s.cells[p.index] || {state: 'pending'}));
  }
  const cells = [...groups.values()].map(g => {
    const done = g.runs.filter(r => r.state === 'finished');
    const values = done.map(r => (r.final || {})[metric]).filter(v => Number.isFinite(v));
    const value = values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN;
    const stateOf = done.length === g.runs.length ? 'finished' : g.runs.some(r => r.state === 'running') ? 'running' : done.length ? 'finished' : 'pending';
    const partial = done.length && done.length < g.runs.length ? ` (${done.length}/${g.runs.length})` : '';
    return {row: g.row, col: g.col, state: stateOf, value,
      text: done.length ? (Number.isFinite(value) ? value.toFixed(3) : 'n/a') + partial : (stateOf === 'running' ? 'running' : '…'),
      href: done.length ? withToken('/files/' + done[0].run + '/report.html') : null,
      title: g.runs.map(r => r.run + ': ' + r.state).join('\n')};
  });
  const finished = Object.values(s.cells).filter(c => c.state === 'finished').length;
  if (s.history[s.history.length - 1] !== finished) s.history.push(finished);
  const svg = $('#sweep-heatmap');
  svg.dataset.history = s.history.join(',');
  Heatmap.draw(svg, {title: s.id + ': ' + (metric === 'accuracy' ? 'final accuracy' : metric) + ', ' + finished + ' of ' + s.plan.cells.length + ' runs',
    rowKey: rowAxis ? rowAxis.key : '', rows: rowAxis ? rowAxis.values : [''], colKey: colAxis.key, cols: colAxis.values, cells});
  const body = $('#sweep-cells tbody');
  body.replaceChildren(...s.plan.cells.map(p => {
    const c = s.cells[p.index] || {state: 'pending'};
    const tr = make('tr');
    axes.forEach(a => tr.append(make('td', {}, p.values[a.key])));
    tr.append(make('td', {}, String(p.seed)), make('td', {}, c.state), make('td', {}, c.final && Number.isFinite(c.final[metric]) ? String(+c.final[metric].toPrecision(6)) : ''));
    const link = make('td');
    if (c.state === 'finished') link.append(make('a', {href: withToken('/files/' + p.run + '/report.html'), target: '_blank', class: 'report'}, 'report'));
    tr.append(link);
    return tr;
  }));
  $('#sweep-cells thead').replaceChildren(make('tr'));
  [...axes.map(a => a.key), 'seed', 'state', metric, ''].forEach(h => $('#sweep-cells thead tr').append(make('th', {}, h)));
}
$('#sweep-metric').addEventListener('change', drawSweep);
