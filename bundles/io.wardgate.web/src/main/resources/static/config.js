'use strict';
// Configuration like Kura's: services grouped by task on the left, one form at a time on the right,
// Apply (the gateway's validate, wait-for-activation and rollback) and Reset; defaults marked.
(() => {
  const { el } = WG;
  const SIZE = /(Bytes|bytes)$/;
  // org.osgi.service.metatype.AttributeDefinition's type codes.
  const TYPES = { 1: 'string', 2: 'long', 3: 'integer', 4: 'short', 5: 'character', 6: 'byte', 7: 'double', 8: 'float', 11: 'boolean', 12: 'password' };
  let data = null;

  const canEdit = form => WG.can('administrator', 'clinical-engineer') && (!form.adminOnly || WG.can('administrator'));
  const key = form => form.pid || ('new:' + form.factoryPid);

  function title(form) {
    if (form.instance) return form.name + ': ' + form.instance;
    return form.pid ? form.name : form.name + ' (add new)';
  }

  function human(bytes) {
    const n = Number(bytes);
    if (!Number.isFinite(n)) return '';
    const units = ['bytes', 'KiB', 'MiB', 'GiB'];
    let i = 0, v = n;
    while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
    return '= ' + (i ? v.toFixed(v < 10 ? 1 : 0) : v) + ' ' + units[i];
  }

  function input(form, attribute) {
    const a = Object.assign({}, attribute, { type: TYPES[attribute.type] || 'string' });
    const name = 'a.' + a.id;
    const current = a.values === null ? a.defaults : a.values;
    const editable = canEdit(form);
    let control;
    if (a.type === 'password') {
      control = el('input', { type: 'password', name, autocomplete: 'new-password', placeholder: a.passwordSet ? '(set; leave empty to keep)' : '(not set)', disabled: !editable });
    } else if (a.cardinality !== 0) {
      control = el('textarea', { name, rows: 3, disabled: !editable, placeholder: 'one value per line' });
      control.value = current.join('\n');
    } else if (a.options.length) {
      control = el('select', { name, disabled: !editable }, a.options.map(o => el('option', { value: o.value, selected: current[0] === o.value }, o.label)));
    } else if (a.type === 'boolean') {
      control = el('select', { name, disabled: !editable }, [['true', 'yes'], ['false', 'no']].map(([v, l]) => el('option', { value: v, selected: String(current[0]) === v }, l)));
    } else {
      const numeric = ['integer', 'long', 'short', 'byte', 'double', 'float'].includes(a.type);
      control = el('input', { type: numeric ? 'number' : 'text', name, value: a.values === null ? '' : (current.length ? current[0] : ''),
        placeholder: a.values === null && a.defaults.length && a.defaults[0] !== '' ? a.defaults[0] + ' (default)' : '', disabled: !editable,
        step: numeric && (a.type === 'double' || a.type === 'float') ? 'any' : null });
    }
    control.id = key(form) + '.' + a.id;
    const hasDefault = a.defaults && a.defaults.length > 0 && a.defaults.some(d => d !== '');
    const marks = [];
    if (a.required && !hasDefault && a.type !== 'password') marks.push(el('span', { class: 'req', title: 'required' }, ' *'));
    if (a.usesDefault && hasDefault) marks.push(el('span', { class: 'tag' }, 'default'));
    const size = SIZE.test(a.id) && current.length ? el('span', { class: 'muted size' }, ' ' + human(current[0])) : null;
    if (size) control.addEventListener('input', () => { size.textContent = ' ' + human(control.value || (a.defaults[0] || '')); });
    return el('div', { class: 'field' },
      el('label', { for: control.id }, a.name, ...marks),
      el('div', {}, control, size),
      el('div', { class: 'help' }, a.description || '', hasDefault && a.type !== 'password' ? ' Default: ' + a.defaults.join(', ') + '.' : ''),
      el('div', { class: 'field-error', 'data-for': a.id }));
  }

  function problemsOf(form) {
    return (data.problems || []).filter(p => form.pid && p.pid.split(',').includes(form.pid));
  }

  function section(form) {
    const editable = canEdit(form);
    const f = el('form', { class: 'card config', 'data-pid': form.pid || '', 'data-factory': form.factoryPid || '' },
      el('h3', {}, title(form)),
      el('div', { class: 'muted mono' }, form.pid || form.factoryPid, ' · ', form.bundle, form.adminOnly ? ' · administrators only (security-relevant)' : ''),
      el('p', {}, form.description || ''),
      problemsOf(form).map(p => el('div', { class: 'msg error component-problem' }, 'This component ' + (p.state === 'failed' ? 'does not run: ' : '') + p.reason)),
      form.pid ? null : el('div', { class: 'field' }, el('label', { for: 'instanceName.' + form.factoryPid }, 'Name of the new instance', el('span', { class: 'req' }, ' *')),
        el('input', { id: 'instanceName.' + form.factoryPid, name: 'instanceName', placeholder: 'e.g. bed-12', disabled: !editable }),
        el('div', { class: 'help' }, 'Lower-case letters, digits and "-"; it names the file in the configuration directory.'),
        el('div', { class: 'field-error', 'data-for': 'instanceName' })),
      form.attributes.map(a => input(form, a)),
      editable ? el('div', { class: 'row' },
        el('button', { type: 'submit', class: 'primary' }, 'Apply'),
        el('button', { type: 'reset' }, 'Reset'),
        form.instance ? el('button', { type: 'button', class: 'danger delete' }, 'Delete this instance') : null,
        el('span', { class: 'result', role: 'status' })) : null);
    f.addEventListener('submit', async (e) => {
      e.preventDefault();
      const fields = [];
      if (form.pid) fields.push(['pid', form.pid]); else { fields.push(['factoryPid', form.factoryPid]); fields.push(['instanceName', f.elements.instanceName.value.trim()]); }
      for (const a of form.attributes) {
        const c = f.elements['a.' + a.id];
        if (a.cardinality !== 0 && TYPES[a.type] !== 'password') {
          const lines = c.value.split('\n').map(s => s.trim()).filter(s => s.length);
          if (lines.length === 0) fields.push(['a.' + a.id, '']);
          lines.forEach(v => fields.push(['a.' + a.id, v]));
        } else fields.push(['a.' + a.id, c.value]);
      }
      f.querySelectorAll('.field-error').forEach(x => x.textContent = '');
      const result = f.querySelector('.result');
      result.textContent = 'Applying: waiting until the component runs with the new settings…';
      result.className = 'result';
      try {
        const r = await WG.api('/api/config', fields);
        result.textContent = 'Saved and running' + (r.notices && r.notices.length ? '. Note: ' + r.notices.join('; ') : '');
        result.className = 'result ' + (r.notices && r.notices.length ? 'warn' : 'ok');
        const text = result.textContent, kind = result.className;
        await load(r.pid);
        const again = document.querySelector('#form .result');
        if (again) { again.textContent = text; again.className = kind; }
      } catch (err) {
        result.textContent = err.message;
        result.className = 'result error';
        const problems = (err.data && err.data.fields) || {};
        for (const [id, text] of Object.entries(problems)) {
          const slot = f.querySelector(`.field-error[data-for="${CSS.escape(id)}"]`);
          if (slot) slot.textContent = text;
        }
      }
    });
    const del = f.querySelector('button.delete');
    if (del) del.addEventListener('click', async () => {
      if (!confirm('Delete ' + title(form) + '? The component stops and its file is removed.')) return;
      try { await WG.api('/api/config/delete', { pid: form.pid }); await load(null); } catch (err) { WG.message('msg', err.message); }
    });
    return f;
  }

  function show(k) {
    // Without a choice: the first service as the list shows it (Devices first), not the first PID.
    const firstListed = document.querySelector('#services a[data-key]');
    const form = data.forms.find(x => key(x) === k) || data.forms.find(x => firstListed && key(x) === firstListed.dataset.key) || data.forms[0];
    document.querySelectorAll('#services a').forEach(a => a.classList.toggle('active', a.dataset.key === key(form)));
    document.getElementById('form').replaceChildren(section(form));
    history.replaceState(null, '', '#' + encodeURIComponent(key(form)));
  }

  function list() {
    const groups = new Map();
    for (const form of data.forms) {
      if (!groups.has(form.group)) groups.set(form.group, []);
      groups.get(form.group).push(form);
    }
    const order = ['Devices', 'Uplink and identity', 'Audit and self-check', 'Remote management and updates', 'This console', 'Other'];
    const nav = [];
    for (const g of order.filter(g => groups.has(g))) {
      nav.push(el('h4', {}, g));
      for (const form of groups.get(g)) {
        const broken = problemsOf(form).length > 0;
        nav.push(el('a', { href: '#', 'data-key': key(form), class: (form.pid ? '' : 'add ') + (broken ? 'broken' : ''),
          onclick: (e) => { e.preventDefault(); show(key(form)); } },
          form.pid ? title(form) : '+ ' + form.name, broken ? el('span', { class: 'tag bad' }, 'not running') : null,
          form.adminOnly ? el('span', { class: 'tag' }, 'admin') : null));
      }
    }
    document.getElementById('services').replaceChildren(...nav);
  }

  async function load(select) {
    data = await WG.api('/api/config');
    const content = document.getElementById('content');
    if (!data.available) { content.replaceChildren(el('p', { class: 'msg info' }, 'Configuration services are not running.')); return; }
    if (!data.applyAvailable) WG.message('msg', 'The configuration service (io.wardgate.manage) is not running: settings can be read but not applied.', 'info');
    list();
    show(select || decodeURIComponent(location.hash.slice(1)));
  }

  (async () => {
    if (!await WG.start({ page: 'config.html' })) return;
    await load(null);
  })();
})();
