// SVG line charts and the events timeline, drawn by hand (no library): the lab works offline, from the jar.
'use strict';
const Chart = (() => {
  const NS = 'http://www.w3.org/2000/svg';
  // Paul Tol's colour-blind-safe "muted" palette, as the reports use; baselines are black and dashed
  const PALETTE = ['#CC6677', '#332288', '#DDCC77', '#117733', '#88CCEE', '#882255', '#44AA99', '#999933', '#AA4499'];

  function el(name, attrs, parent) {
    const e = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (parent) parent.appendChild(e);
    return e;
  }

  function isBaseline(name) { return name === 'centralized' || name.startsWith('baseline'); }

  function colours(names) {
    const out = {};
    let i = 0;
    for (const n of names) out[n] = isBaseline(n) ? '#000000' : PALETTE[i++ % PALETTE.length];
    return out;
  }

  function niceTicks(lo, hi, count) {
    if (!(hi > lo)) { hi = lo + 1; }
    const step0 = (hi - lo) / count;
    const mag = Math.pow(10, Math.floor(Math.log10(step0)));
    const step = [1, 2, 5, 10].map(m => m * mag).find(s => s >= step0);
    const ticks = [];
    for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push(+t.toFixed(10));
    return ticks;
  }

  /** series: [{name, points: [[x, y], ...]}]; draws axes, lines with markers, a legend. */
  function lines(svg, series, opts) {
    svg.replaceChildren();
    const W = 900, H = 420, L = 70, R = 180, T = 30, B = 50;
    el('rect', {x: 0, y: 0, width: W, height: H, fill: 'white'}, svg);
    const title = el('text', {x: L, y: 20, 'font-size': 15, 'font-weight': 'bold'}, svg);
    title.textContent = opts.title || '';
    const pts = series.flatMap(s => s.points).filter(p => Number.isFinite(p[0]) && Number.isFinite(p[1]));
    if (pts.length === 0) {
      const t = el('text', {x: W / 2, y: H / 2, 'text-anchor': 'middle', fill: '#888'}, svg);
      t.textContent = opts.empty || 'no data yet';
      return;
    }
    let xlo = Math.min(...pts.map(p => p[0])), xhi = Math.max(...pts.map(p => p[0]));
    let ylo = Math.min(...pts.map(p => p[1])), yhi = Math.max(...pts.map(p => p[1]));
    if (xhi === xlo) { xhi = xlo + 1; }
    if (yhi === ylo) { yhi = ylo + (Math.abs(ylo) || 1) * 0.1; ylo = ylo - (Math.abs(ylo) || 1) * 0.1; }
    const pad = (yhi - ylo) * 0.05; ylo -= pad; yhi += pad;
    const sx = x => L + (x - xlo) / (xhi - xlo) * (W - L - R);
    const sy = y => H - B - (y - ylo) / (yhi - ylo) * (H - T - B);
    for (const t of niceTicks(ylo, yhi, 6)) {
      if (t < ylo || t > yhi) continue;
      el('line', {x1: L, x2: W - R, y1: sy(t), y2: sy(t), stroke: '#eee'}, svg);
      const label = el('text', {x: L - 6, y: sy(t) + 4, 'text-anchor': 'end', 'font-size': 11}, svg);
      label.textContent = +t.toPrecision(4);
    }
    for (const t of niceTicks(xlo, xhi, 8)) {
      if (t < xlo || t > xhi || (opts.integerX && t !== Math.round(t))) continue;
      el('line', {x1: sx(t), x2: sx(t), y1: H - B, y2: H - B + 4, stroke: '#333'}, svg);
      const label = el('text', {x: sx(t), y: H - B + 16, 'text-anchor': 'middle', 'font-size': 11}, svg);
      label.textContent = t;
    }
    el('line', {x1: L, x2: W - R, y1: H - B, y2: H - B, stroke: '#333'}, svg);
    el('line', {x1: L, x2: L, y1: T, y2: H - B, stroke: '#333'}, svg);
    const xl = el('text', {x: (L + W - R) / 2, y: H - 12, 'text-anchor': 'middle', 'font-size': 12}, svg);
    xl.textContent = opts.xLabel || 'Round';
    const yl = el('text', {x: 16, y: (T + H - B) / 2, 'text-anchor': 'middle', 'font-size': 12, transform: `rotate(-90 16 ${(T + H - B) / 2})`}, svg);
    yl.textContent = opts.yLabel || '';
    const colour = colours(series.map(s => s.name));
    series.forEach((s, i) => {
      const p = s.points.filter(q => Number.isFinite(q[0]) && Number.isFinite(q[1]));
      if (p.length === 0) return;
      const d = p.map((q, j) => (j ? 'L' : 'M') + sx(q[0]).toFixed(1) + ' ' + sy(q[1]).toFixed(1)).join(' ');
      const attrs = {d, fill: 'none', stroke: colour[s.name], 'stroke-width': 2, class: 'series-line'};
      if (isBaseline(s.name)) attrs['stroke-dasharray'] = '6 4';
      el('path', attrs, svg);
      if (p.length <= 40) p.forEach(q => el('circle', {cx: sx(q[0]), cy: sy(q[1]), r: 3, fill: colour[s.name], class: 'point'}, svg));
      const ly = T + 10 + i * 18;
      el('line', {x1: W - R + 12, x2: W - R + 36, y1: ly, y2: ly, stroke: colour[s.name], 'stroke-width': 2,
        'stroke-dasharray': isBaseline(s.name) ? '6 4' : 'none'}, svg);
      const lt = el('text', {x: W - R + 42, y: ly + 4, 'font-size': 12}, svg);
      lt.textContent = s.name.length > 20 ? s.name.slice(0, 19) + '…' : s.name;
    });
  }

  /** events: [{round, kind, subject}]: one dot per event, a row per kind. */
  function timeline(svg, events, lastRound) {
    svg.replaceChildren();
    const W = 900, L = 130, R = 20;
    const kinds = [...new Set(events.map(e => e.kind))].slice(0, 4);
    svg.setAttribute('viewBox', `0 0 ${W} ${Math.max(40, 22 * kinds.length + 24)}`);
    if (events.length === 0) {
      const t = el('text', {x: 10, y: 24, fill: '#888', 'font-size': 12}, svg);
      t.textContent = 'no events yet (detections, forfeits, drops appear here round by round)';
      return;
    }
    const maxRound = Math.max(lastRound || 1, ...events.map(e => e.round));
    const sx = r => L + (r - 1) / Math.max(1, maxRound - 1) * (W - L - R);
    const colour = colours(kinds);
    kinds.forEach((k, i) => {
      const y = 16 + i * 22;
      const t = el('text', {x: 4, y: y + 4, 'font-size': 11}, svg);
      t.textContent = k;
      el('line', {x1: L, x2: W - R, y1: y, y2: y, stroke: '#eee'}, svg);
      events.filter(e => e.kind === k).forEach(e => {
        const c = el('circle', {cx: sx(e.round), cy: y, r: 5, fill: colour[k]}, svg);
        const tip = el('title', {}, c);
        tip.textContent = `round ${e.round}: ${e.subject} ${e.detail || ''}`;
      });
    });
  }

  return {lines, timeline, colours};
})();
