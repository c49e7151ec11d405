// Writes the config tree (plain JSON values) as block YAML for the textarea. Reading YAML is the server's job
// (POST /api/validate answers with the tree), so there is one YAML parser: the one chainfl run uses.
'use strict';
const Yaml = (() => {
  const PLAIN = /^[A-Za-z_][A-Za-z0-9_.\-\/ ]*$/;
  const RESERVED = /^(true|false|yes|no|on|off|null|~|y|n)$/i;

  function scalar(v) {
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    const s = String(v);
    if (PLAIN.test(s) && !RESERVED.test(s) && !/\s$/.test(s) && !/: /.test(s)) return s;
    return JSON.stringify(s);
  }

  function isScalar(v) { return v === null || typeof v !== 'object'; }

  function flow(v) {
    if (Array.isArray(v)) return '[' + v.map(flow).join(', ') + ']';
    if (!isScalar(v)) return '{' + Object.entries(v).map(([k, x]) => k + ': ' + flow(x)).join(', ') + '}';
    return scalar(v);
  }

  function emit(v, indent) {
    const pad = ' '.repeat(indent);
    let out = '';
    for (const [k, x] of Object.entries(v)) {
      if (isScalar(x)) {
        out += `${pad}${k}: ${scalar(x)}\n`;
      } else if (Array.isArray(x)) {
        if (x.length === 0 || x.every(isScalar)) {
          out += `${pad}${k}: ${flow(x)}\n`;
        } else {
          out += `${pad}${k}:\n`;
          for (const item of x) {
            if (isScalar(item) || Array.isArray(item)) { out += `${pad}  - ${flow(item)}\n`; continue; }
            const inner = emit(item, indent + 4);
            out += `${pad}  - ${inner.slice(indent + 4)}`;
          }
        }
      } else if (Object.keys(x).length === 0) {
        out += `${pad}${k}: {}\n`;
      } else {
        out += `${pad}${k}:\n` + emit(x, indent + 2);
      }
    }
    return out;
  }

  return {stringify: tree => emit(tree || {}, 0)};
})();
