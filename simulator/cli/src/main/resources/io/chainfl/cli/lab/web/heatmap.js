// A sweep's heatmap, drawn by hand in SVG (no library; the lab works offline, from the jar): one cell per grid
// point, coloured on a sequential scale with its value written in it, pending cells grey, a legend of the scale.
'use strict';
const Heatmap = (() => {
  const NS = 'http://www.w3.org/2000/svg';
  // viridis at five stops (perceptually uniform, readable in grey and by colour-blind readers), interpolated in RGB
  const STOPS = ['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725'];
  const PENDING = '#eeeeee';

  function el(name, attrs, parent) {
    const e = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (parent) parent.appendChild(e);
    return e;
  }

  function rgb(hex) { return [1, 3, 5].map(i => parseInt(hex.slice(i, i + 2), 16)); }
  function hex(c) { return '#' + c.map(v => Math.round(v).toString(16).padStart(2, '0')).join(''); }

  /** The scale's colour at t in [0, 1]. */
  function colour(t) {
    const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0.5)) * (STOPS.length - 1);
    const i = Math.min(STOPS.length - 2, Math.floor(x));
    const a = rgb(STOPS[i]), b = rgb(STOPS[i + 1]);
    return hex(a.map((v, k) => v + (b[k] - v) * (x - i)));
  }

  function light(c) {
    const [r, g, b] = rgb(c);
    return 0.299 * r + 0.587 * g + 0.114 * b > 150;
  }

  function label(svg, x, y, text, attrs) {
    const t = el('text', Object.assign({x, y, 'font-size': 12}, attrs || {}), svg);
    t.textContent = text;
    return t;
  }

  /**
   * model: {title, rowKey, rows: [..], colKey, cols: [..], cells: [{row, col, state, value, text, href, title}]};
   * a cell's state is 'finished' (coloured), 'running' (dashed outline) or 'pending'.
   */
  function draw(svg, model) {
    svg.replaceChildren();
    const W = 900, H = 460, L = 150, R = 120, T = 50, B = 60;
    el('rect', {x: 0, y: 0, width: W, height: H, fill: 'white'}, svg);
    label(svg, 10, 22, model.title || '', {'font-size': 15, 'font-weight': 'bold'});
    const values = model.cells.filter(c => c.state === 'finished' && Number.isFinite(c.value)).map(c => c.value);
    const lo = values.length ? Math.min(...values) : 0, hi = values.length ? Math.max(...values) : 1;
    const scale = v => hi > lo ? (v - lo) / (hi - lo) : 0.5;
    const cw = (W - L - R) / model.cols.length, ch = (H - T - B) / model.rows.length;
    model.cols.forEach((c, j) => label(svg, L + (j + 0.5) * cw, H - B + 18, String(c), {'text-anchor': 'middle'}));
    label(svg, L + (W - L - R) / 2, H - 14, model.colKey || '', {'text-anchor': 'middle', 'font-style': 'italic'});
    model.rows.forEach((r, i) => label(svg, L - 8, T + (i + 0.5) * ch + 4, String(r), {'text-anchor': 'end'}));
    if (model.rowKey) label(svg, 10, T - 12, model.rowKey, {'font-style': 'italic'});
    for (const cell of model.cells) {
      const x = L + cell.col * cw, y = T + cell.row * ch;
      const done = cell.state === 'finished' && Number.isFinite(cell.value);
      const fill = done ? colour(scale(cell.value)) : PENDING;
      const parent = cell.href ? el('a', {href: cell.href, target: '_blank', class: 'cell-link'}, svg) : svg;
      const rect = el('rect', {x: x + 2, y: y + 2, width: cw - 4, height: ch - 4, fill, class: 'cell ' + cell.state,
        'data-row': cell.row, 'data-col': cell.col}, parent);
      if (cell.state === 'running') {
        rect.setAttribute('stroke', '#333');
        rect.setAttribute('stroke-dasharray', '6 4');
        rect.setAttribute('stroke-width', 2);
      }
      if (cell.title) el('title', {}, rect).textContent = cell.title;
      label(parent, x + cw / 2, y + ch / 2 + 5, cell.text, {'text-anchor': 'middle', 'font-size': 14,
        fill: done && !light(fill) ? 'white' : '#222', class: 'cell-value'});
    }
    // the legend: the scale from the lowest to the highest finished value
    const lx = W - R + 40, ly = T, lh = H - T - B, steps = 40;
    for (let k = 0; k < steps; k++) {
      el('rect', {x: lx, y: ly + lh - (k + 1) * lh / steps, width: 18, height: lh / steps + 0.5, fill: colour(k / (steps - 1)), class: 'legend'}, svg);
    }
    el('rect', {x: lx, y: ly, width: 18, height: lh, fill: 'none', stroke: '#999'}, svg);
    if (values.length) {
      label(svg, lx + 24, ly + 10, (+hi.toPrecision(4)).toString(), {class: 'legend-hi'});
      label(svg, lx + 24, ly + lh, (+lo.toPrecision(4)).toString(), {class: 'legend-lo'});
    } else {
      label(svg, lx - 10, ly + lh + 20, 'no cell yet', {fill: '#888'});
    }
  }

  return {draw, colour};
})();
