// chainfl lab: compose a config from the JSON Schema, launch it, watch its rounds arrive, compare runs, lessons.
// Plain DOM and fetch; every request carries the token the page was opened with (when the lab has one).
// About 550 lines in one file on purpose: the five panels (compose, watch, runs, compare, lessons, one section each
// below) share one state object and a few helpers, and the page loads it without a bundler or modules. The Sweep
// panel is sweep.js, loaded after this file and using the same helpers.
'use strict';
const TOKEN = new URLSearchParams(location.search).get('token');
const $ = sel => document.querySelector(sel);
const state = {catalogue: null, schema: null, tree: {}, validation: null, watch: null, compareIds: []};

function withToken(url) {
  return TOKEN ? url + (url.includes('?') ? '&' : '?') + 'token=' + encodeURIComponent(TOKEN) : url;
}

async function api(path, body) {
  const init = {headers: {}};
  if (TOKEN) init.headers['X-Chainfl-Token'] = TOKEN;
  if (body !== undefined) {
    init.method = 'POST';
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const answer = await response.json().catch(() => ({error: 'the lab answered ' + response.status}));
  if (!response.ok) throw new Error(answer.error || ('HTTP ' + response.status));
  return answer;
}

function notice(text, isError) {
  const n = $('#notice');
  n.textContent = text;
  n.className = isError ? 'error' : '';
}

function make(tag, attrs, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'dataset') Object.assign(e.dataset, v); else e.setAttribute(k, v);
  }
  if (text !== undefined) e.textContent = text;
  return e;
}

// ---------- tabs
function showTab(name) {
  document.querySelectorAll('.panel').forEach(p => { p.hidden = p.id !== name; });
  document.querySelectorAll('button.tab').forEach(b => b.classList.toggle('active', b.dataset.tab === name));
  if (name === 'runs') refreshRuns();
  if (name === 'sweep') schedulePlan();
}
document.querySelectorAll('button.tab').forEach(b => b.addEventListener('click', () => showTab(b.dataset.tab)));

// ---------- the tree the form and the YAML share
function pathKey(path) {
  return path.map((p, i) => typeof p === 'number' ? `[${p}]` : (i ? '.' : '') + p).join('');
}
function getAt(path) {
  let v = state.tree;
  for (const p of path) { if (v === null || typeof v !== 'object') return undefined; v = v[p]; }
  return v;
}
function setAt(path, value) {
  let v = state.tree;
  for (let i = 0; i < path.length - 1; i++) {
    if (v[path[i]] === null || typeof v[path[i]] !== 'object') v[path[i]] = typeof path[i + 1] === 'number' ? [] : {};
    v = v[path[i]];
  }
  const last = path[path.length - 1];
  if (value === undefined) {
    if (Array.isArray(v) && typeof last === 'number') v.splice(last, 1); else delete v[last];
    prune(path.slice(0, -1));
  } else {
    v[last] = value;
  }
}
function prune(path) {
  if (path.length === 0) return;
  const v = getAt(path);
  if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) setAt(path, undefined);
}
function formChanged() {
  $('#yaml').value = Yaml.stringify(state.tree);
  updateLines();
  scheduleValidate(false);
}

// ---------- the form, generated from the schema
function typed(schema) {
  return schema && schema.oneOf && schema.oneOf.every(b => b.properties && b.properties.type && b.properties.type.const);
}
function branch(schema, type) {
  return schema.oneOf.find(b => b.properties.type.const === type);
}
function help(schema) {
  const parts = [];
  if (schema.description) parts.push(schema.description);
  if (schema.default !== undefined && (typeof schema.default !== 'object' || Array.isArray(schema.default))) parts.push('default ' + JSON.stringify(schema.default));
  const lo = schema.minimum ?? schema.exclusiveMinimum, hi = schema.maximum ?? schema.exclusiveMaximum;
  if (lo !== undefined || hi !== undefined) parts.push('range ' + (schema.exclusiveMinimum !== undefined ? '(' : '[') + (lo ?? '-inf') + ', ' + (hi ?? 'inf') + (schema.exclusiveMaximum !== undefined ? ')' : ']'));
  return parts.join('; ');
}

function fieldRow(path, schema, control) {
  const row = make('div', {class: 'field', dataset: {key: pathKey(path)}});
  const id = 'f-' + pathKey(path).replace(/[^A-Za-z0-9]/g, '_');
  control.id = id;
  row.append(make('label', {for: id}, String(path[path.length - 1])), control);
  const h = help(schema);
  if (h) row.append(make('div', {class: 'help'}, h));
  return row;
}

function scalarField(path, schema) {
  const current = getAt(path);
  let control;
  if (schema.enum || schema.type === 'boolean') {
    control = make('select');
    control.append(make('option', {value: ''}, '(default' + (schema.default !== undefined ? ': ' + schema.default : '') + ')'));
    (schema.enum || [true, false]).forEach(v => control.append(make('option', {value: String(v)}, String(v))));
    control.value = current === undefined ? '' : String(current);
    control.addEventListener('change', () => {
      const v = control.value;
      setAt(path, v === '' ? undefined : schema.type === 'boolean' ? v === 'true' : v);
      formChanged();
    });
  } else if (schema.type === 'integer' || schema.type === 'number') {
    control = make('input', {type: 'text', inputmode: 'decimal'});
    if (schema.default !== undefined) control.placeholder = String(schema.default);
    control.value = current === undefined ? '' : String(current);
    control.addEventListener('input', () => {
      const raw = control.value.trim();
      const n = Number(raw);
      // a value that is not a number goes into the YAML as written: the validation names it, as the CLI would
      setAt(path, raw === '' ? undefined : (Number.isFinite(n) && raw !== '' ? n : raw));
      formChanged();
    });
  } else if (schema.type === 'array') {
    control = make('input', {type: 'text', placeholder: JSON.stringify(schema.default ?? [])});
    control.value = current === undefined ? '' : JSON.stringify(current);
    control.addEventListener('change', () => {
      const raw = control.value.trim();
      let v = raw;
      try { v = JSON.parse(raw); } catch (e) { /* left as text: the validation says what is expected */ }
      setAt(path, raw === '' ? undefined : v);
      formChanged();
    });
  } else {
    control = make('input', {type: 'text'});
    if (schema.default !== undefined) control.placeholder = String(schema.default);
    control.value = current === undefined ? '' : String(current);
    control.addEventListener('input', () => { setAt(path, control.value === '' ? undefined : control.value); formChanged(); });
  }
  return fieldRow(path, schema, control);
}

function typedField(path, schema, container, label, catalogueList) {
  const current = getAt(path);
  const select = make('select');
  select.append(make('option', {value: ''}, '(default)'));
  schema.oneOf.forEach(b => select.append(make('option', {value: b.properties.type.const}, b.properties.type.const)));
  const type = current && typeof current === 'object' ? current.type : undefined;
  select.value = type || '';
  select.addEventListener('change', () => {
    setAt(path, select.value === '' ? undefined : {type: select.value});
    renderForm();
    formChanged();
  });
  const row = fieldRow(path.concat('type'), {description: label}, select);
  container.append(row);
  const entry = (catalogueList || []).find(e => e.name === type);
  if (entry) {
    row.append(make('div', {class: 'help'}, entry.description));
    if (entry.reference) row.append(make('div', {class: 'ref'}, 'reference: ' + entry.reference));
  }
  if (type && branch(schema, type)) objectFields(path, branch(schema, type), container);
}

function objectFields(path, schema, container) {
  for (const [key, ps] of Object.entries(schema.properties || {})) {
    if (key === 'type' && ps.const) continue;
    const p = path.concat(key);
    if (typed(ps)) {
      const set = make('fieldset');
      set.append(make('legend', {}, key));
      typedField(p, ps, set, ps.description || key, key === 'aggregator' ? state.catalogue.defenses : null);
      container.append(set);
    } else if (ps.type === 'object' && ps.properties) {
      const set = make('fieldset');
      set.append(make('legend', {}, key));
      if (ps.description) set.append(make('div', {class: 'help'}, ps.description));
      objectFields(p, ps, set);
      container.append(set);
    } else if (ps.type === 'array' && ps.items && (ps.items.oneOf || ps.items.type === 'object')) {
      container.append(make('div', {class: 'help'}, key + ': edit in the YAML'));
    } else if (['string', 'integer', 'number', 'boolean', 'array'].includes(ps.type) || ps.enum) {
      container.append(scalarField(p, ps));
    }
  }
}

function attacksFieldset() {
  const set = make('fieldset', {id: 'attacks'});
  set.append(make('legend', {}, 'attacks (adversaries)'));
  const schema = state.schema.properties.adversaries;
  const list = Array.isArray(getAt(['adversaries'])) ? getAt(['adversaries']) : [];
  list.forEach((a, i) => {
    const box = make('div', {class: 'attack'});
    typedField(['adversaries', i], schema.items, box, 'attack', state.catalogue.attacks);
    const remove = make('button', {type: 'button', class: 'remove-attack'}, 'remove');
    remove.addEventListener('click', () => { setAt(['adversaries', i], undefined); renderForm(); formChanged(); });
    box.append(remove);
    set.append(box);
  });
  const add = make('select', {id: 'add-attack'});
  add.append(make('option', {value: ''}, 'add an attack...'));
  state.catalogue.attacks.forEach(a => add.append(make('option', {value: a.name, title: a.description}, a.name)));
  add.addEventListener('change', () => {
    if (!add.value) return;
    const next = list.concat([{type: add.value, fraction: 0.2}]);
    setAt(['adversaries'], next);
    renderForm();
    formChanged();
  });
  set.append(add);
  return set;
}

function renderForm() {
  const form = $('#form');
  form.replaceChildren();
  const props = state.schema.properties;
  const run = make('fieldset');
  run.append(make('legend', {}, 'run'));
  ['name', 'seed', 'rounds', 'participants'].forEach(k => run.append(scalarField([k], props[k])));
  form.append(run);
  const scenario = make('fieldset');
  scenario.append(make('legend', {}, 'scenario'));
  typedField(['scenario'], props.scenario, scenario, 'protocol', state.catalogue.scenarios);
  form.append(scenario);
  form.append(attacksFieldset());
  for (const section of ['data', 'model', 'training', 'baseline', 'ledger', 'devices', 'runtime', 'output']) {
    if (!props[section]) continue;
    const details = make('details');
    if (['data', 'model', 'training'].includes(section)) details.open = true;
    details.append(make('summary', {}, section + (props[section].description ? ': ' + props[section].description : '')));
    objectFields([section], props[section], details);
    form.append(details);
  }
  form.append(make('p', {class: 'help'}, 'variants and expect: edit in the YAML (the lab runs one config at a time); sweeps: the Sweep page.'));
  showValidation();
}

// ---------- YAML side and validation
let validateTimer = null;
let validateSeq = 0;
function scheduleValidate(fromYaml) {
  clearTimeout(validateTimer);
  validateTimer = setTimeout(() => validate(fromYaml), 350);
}
async function validate(fromYaml) {
  const seq = ++validateSeq;
  const text = $('#yaml').value;
  try {
    const answer = await api('/api/validate', {yaml: text});
    if (seq !== validateSeq) return;
    state.validation = answer;
    if (fromYaml && answer.tree && typeof answer.tree === 'object' && !Array.isArray(answer.tree)) {
      state.tree = answer.tree;
      renderForm();
    } else {
      showValidation();
    }
  } catch (e) {
    notice(e.message, true);
  }
}
function showValidation() {
  const v = state.validation;
  document.querySelectorAll('.field.invalid').forEach(f => f.classList.remove('invalid'));
  document.querySelectorAll('.field-error').forEach(f => f.remove());
  const box = $('#yaml-error');
  updateLines(v && !v.ok ? v.line : null);
  if (!v) return;
  $('#validity').textContent = v.ok ? 'valid' + (v.variants ? ` (${v.variants} variants)` : '') : 'not valid';
  $('#validity').className = v.ok ? 'valid' : 'error';
  $('#launch').disabled = !v.ok;
  if (v.ok) { box.hidden = true; return; }
  box.hidden = false;
  box.textContent = (v.line ? `YAML line ${v.line}: ` : '') + v.error;
  const field = fieldFor(v.key);
  if (field) {
    field.classList.add('invalid');
    field.append(make('div', {class: 'field-error'}, v.error));
  }
}
function fieldFor(key) {
  if (!key) return null;
  const candidates = [key, key + '.type'];
  let k = key;
  while (k.includes('.') || k.includes('[')) { k = k.replace(/(\.[^.\[]*|\[\d+\])$/, ''); candidates.push(k, k + '.type'); }
  for (const c of candidates) {
    const f = document.querySelector(`.field[data-key="${CSS.escape(c)}"]`);
    if (f) return f;
  }
  return null;
}
function updateLines(bad) {
  const count = $('#yaml').value.split('\n').length;
  const gutter = $('#yaml-lines');
  gutter.replaceChildren();
  for (let i = 1; i <= count; i++) {
    const s = make('span', {class: i === bad ? 'bad' : ''}, String(i));
    gutter.append(s, '\n');
  }
  $('#yaml').rows = count + 1;
}
$('#yaml').addEventListener('input', () => { updateLines(); scheduleValidate(true); });

async function loadYaml(text) {
  $('#yaml').value = text;
  updateLines();
  await validate(true);
}

async function loadStart() {
  const choice = $('#start-from').value;
  try {
    if (choice.startsWith('run:')) {
      const response = await fetch(withToken('/files/' + choice.slice(4) + '/config.yaml'));
      if (!response.ok) throw new Error('cannot read that run\'s config.yaml');
      await loadYaml(await response.text());
    } else {
      await loadYaml((await api('/api/config?name=' + encodeURIComponent(choice))).yaml);
    }
    notice('loaded ' + choice.replace(/^run:/, ''));
  } catch (e) { notice(e.message, true); }
}
$('#load-start').addEventListener('click', loadStart);

$('#launch').addEventListener('click', async () => {
  try {
    const answer = await api('/api/runs', {yaml: $('#yaml').value});
    notice('launched ' + answer.id);
    watch(answer.id);
  } catch (e) { notice(e.message, true); }
});

// ---------- run and watch
function numericColumns(header) {
  return header.filter(c => !['series', 'round'].includes(c));
}
function seriesOf(header, rows, metric) {
  const si = header.indexOf('series'), ri = header.indexOf('round'), mi = header.indexOf(metric);
  const bySeries = new Map();
  for (const r of rows) {
    const name = si >= 0 ? r[si] : 'run';
    if (!bySeries.has(name)) bySeries.set(name, []);
    bySeries.get(name).push([Number(r[ri]), Number(r[mi])]);
  }
  return [...bySeries.entries()].map(([name, points]) => ({name, points}));
}
function drawWatch() {
  const w = state.watch;
  if (!w) return;
  const select = $('#watch-metric');
  const columns = numericColumns(w.header);
  const chosen = select.value || 'accuracy';
  if ([...select.options].map(o => o.value).join() !== columns.join()) {
    select.replaceChildren(...columns.map(c => make('option', {value: c}, c)));
  }
  select.value = columns.includes(chosen) ? chosen : (columns[0] || '');
  Chart.lines($('#watch-chart'), seriesOf(w.header, w.rows, select.value), {title: w.id + ': ' + select.value + ' by round', yLabel: select.value, integerX: true});
  const lastRound = Math.max(0, ...w.rows.map(r => Number(r[w.header.indexOf('round')])));
  Chart.timeline($('#watch-timeline'), w.events, lastRound);
  const body = $('#watch-events tbody');
  body.replaceChildren(...w.events.slice(-200).map(e => {
    const tr = make('tr');
    [e.round, e.kind, e.subject, e.detail].forEach(x => tr.append(make('td', {}, String(x ?? ''))));
    return tr;
  }));
}
$('#watch-metric').addEventListener('change', drawWatch);

function showStatus(info) {
  const w = state.watch;
  w.state = info.state;
  $('#watch-state').textContent = info.state.toLowerCase();
  $('#watch-message').textContent = info.message || '';
  $('#stop').disabled = !['QUEUED', 'RUNNING'].includes(info.state);
  $('#resume').disabled = info.state !== 'STOPPED';
  const report = $('#watch-report');
  report.hidden = !info.hasReport;
  report.href = withToken('/files/' + info.id + '/report.html');
}

function watch(id) {
  if (state.watch && state.watch.source) state.watch.source.close();
  state.watch = {id, header: [], rows: [], events: [], state: ''};
  $('#watch-id').textContent = id;
  // the previous run's state must not show as this one's until its first status arrives
  $('#watch-state').textContent = '';
  $('#watch-message').textContent = '';
  showTab('watch');
  drawWatch();
  const source = new EventSource(withToken('/api/stream?id=' + encodeURIComponent(id)));
  state.watch.source = source;
  source.addEventListener('metrics', m => {
    const d = JSON.parse(m.data);
    if (d.reset) state.watch.rows = [];
    state.watch.header = d.header;
    state.watch.rows.push(...d.rows);
    drawWatch();
  });
  source.addEventListener('events', m => {
    const d = JSON.parse(m.data);
    if (d.reset) state.watch.events = [];
    const ri = d.header.indexOf('round'), ki = d.header.indexOf('kind'), si = d.header.indexOf('subject'), di = d.header.indexOf('detail');
    state.watch.events.push(...d.rows.map(r => ({round: Number(r[ri]), kind: r[ki], subject: r[si], detail: r[di]})));
    drawWatch();
  });
  source.addEventListener('status', m => showStatus(JSON.parse(m.data)));
  source.addEventListener('end', () => source.close());
}
$('#stop').addEventListener('click', async () => {
  try { await api('/api/stop', {id: state.watch.id}); notice('stopping ' + state.watch.id + ' after this round\'s checkpoint'); } catch (e) { notice(e.message, true); }
});
$('#resume').addEventListener('click', async () => {
  try { const a = await api('/api/resume', {id: state.watch.id}); notice('resuming ' + a.id); watch(a.id); } catch (e) { notice(e.message, true); }
});

// ---------- runs
async function refreshRuns() {
  try {
    const runs = await api('/api/runs');
    state.runs = runs;
    const body = $('#run-list tbody');
    body.replaceChildren(...runs.map(r => {
      const tr = make('tr', {dataset: {id: r.id}});
      const box = make('input', {type: 'checkbox', class: 'pick', value: r.id});
      box.checked = state.compareIds.includes(r.id);
      const actions = make('td');
      const w = make('button', {class: 'watch'}, 'watch');
      w.addEventListener('click', () => r.sweep ? followSweep(r.id) : watch(r.id));
      actions.append(w);
      if (r.hasReport) actions.append(' ', make('a', {href: withToken('/files/' + r.id + '/report.html'), target: '_blank', class: 'report'}, 'report'));
      const td = make('td'); td.append(box);
      tr.append(td, make('td', {}, r.id), make('td', {}, r.state.toLowerCase() + (r.message ? ': ' + r.message : '')), actions);
      return tr;
    }));
    const start = $('#start-from');
    const keep = start.value;
    start.replaceChildren(...state.catalogue.configs.map(c => make('option', {value: c}, c)),
      ...runs.map(r => make('option', {value: 'run:' + r.id}, 'run ' + r.id)));
    start.value = keep || 'quickstart.yaml';
  } catch (e) { notice(e.message, true); }
}
$('#refresh-runs').addEventListener('click', refreshRuns);
$('#compare-selected').addEventListener('click', () => {
  compare([...document.querySelectorAll('#run-list input.pick:checked')].map(b => b.value));
});

// ---------- compare
async function compare(ids) {
  if (ids.length === 0) { notice('pick runs to compare first', true); return; }
  state.compareIds = ids;
  try {
    state.compared = await Promise.all(ids.map(id => api('/api/run?id=' + encodeURIComponent(id))));
  } catch (e) { notice(e.message, true); return; }
  showTab('compare');
  const columns = [...new Set(state.compared.flatMap(r => numericColumns(r.metrics[0] || [])))];
  const select = $('#compare-metric');
  select.replaceChildren(...columns.map(c => make('option', {value: c}, c)));
  select.value = columns.includes('accuracy') ? 'accuracy' : columns[0];
  drawCompare();
  const table = $('#compare-table');
  table.replaceChildren();
  const head = make('tr');
  ['', ...state.compared.map(r => r.id)].forEach(h => head.append(make('th', {}, h)));
  table.append(head);
  const rows = [['state', r => r.state.toLowerCase()], ['scenario', r => r.summary?.scenario], ['seed', r => r.summary?.seed],
    ['rounds', r => r.summary?.rounds], ['participants', r => r.summary?.participants]];
  const seriesNames = [...new Set(state.compared.flatMap(r => Object.keys(r.summary?.final || {})))];
  for (const s of seriesNames) {
    rows.push([s + ' final accuracy', r => r.summary?.final?.[s]?.accuracy?.toFixed(4)]);
    rows.push([s + ' best accuracy', r => r.summary?.final?.[s]?.best_accuracy?.toFixed(4)]);
    rows.push([s + ' final loss', r => r.summary?.final?.[s]?.loss?.toFixed(4)]);
  }
  rows.push(['ledger transactions', r => r.summary?.ledger?.transactions], ['chain valid', r => r.summary?.ledger?.chain_valid]);
  for (const [label, f] of rows) {
    const tr = make('tr');
    tr.append(make('th', {}, label));
    state.compared.forEach(r => tr.append(make('td', {}, String(f(r) ?? '-'))));
    table.append(tr);
  }
  const links = make('tr');
  links.append(make('th', {}, 'report'));
  state.compared.forEach(r => {
    const td = make('td');
    if (r.hasReport) td.append(make('a', {href: withToken('/files/' + r.id + '/report.html'), target: '_blank', class: 'report'}, 'report.html'));
    links.append(td);
  });
  table.append(links);
}
function drawCompare() {
  const metric = $('#compare-metric').value;
  const series = [];
  for (const r of state.compared) {
    const header = r.metrics[0] || [];
    for (const s of seriesOf(header, r.metrics.slice(1), metric)) {
      series.push({name: s.name === 'centralized' ? 'centralized (' + r.id + ')' : r.id + (s.name === 'fedavg' ? '' : ' ' + s.name), points: s.points});
    }
  }
  Chart.lines($('#compare-chart'), series, {title: metric + ' by round', yLabel: metric, integerX: true});
}
$('#compare-metric').addEventListener('change', drawCompare);

// ---------- lessons
function renderLessons() {
  const list = $('#lesson-list');
  list.replaceChildren(...state.catalogue.lessons.map(l => {
    const li = make('li');
    const b = make('button', {class: 'lesson', dataset: {lesson: l.id}}, l.title);
    b.addEventListener('click', () => openLesson(l));
    li.append(b);
    return li;
  }));
}
async function openLesson(lesson) {
  const response = await fetch(withToken('/assets/lessons/' + lesson.id + '.html'));
  const article = $('#lesson');
  // the lesson pages are shipped in the jar, not user input
  article.innerHTML = await response.text();
  const open = make('button', {class: 'lesson-compose'}, 'Open its config in Compose');
  open.addEventListener('click', async () => {
    showTab('compose');
    await loadYaml((await api('/api/config?name=' + encodeURIComponent(lesson.config))).yaml);
  });
  const run = make('button', {class: 'lesson-run primary'}, 'Run it and watch');
  run.addEventListener('click', async () => {
    try { const a = await api('/api/runs', {config: lesson.config}); watch(a.id); } catch (e) { notice(e.message, true); }
  });
  article.append(make('p'), open, ' ', run);
}

// ---------- start
(async () => {
  try {
    state.catalogue = await api('/api/catalogue');
    state.schema = state.catalogue.schema;
    renderLessons();
    fillSweepBases();
    setupAxes();
    await refreshRuns();
    $('#start-from').value = 'quickstart.yaml';
    await loadStart();
    document.body.dataset.ready = 'true';
  } catch (e) { notice(e.message, true); }
})();
