'use strict';
(() => {
  const { el } = WG;

  function input(form, a) {
    const name = 'a.' + a.id;
    const current = a.values === null ? a.defaults : a.values;
    const editable = WG.can('administrator', 'clinical-engineer') && (!form.adminOnly || WG.can('administrator'));
    let control;
    if (a.type === 'password') {
      control = el('input', { type: 'password', name, autocomplete: 'new-password', placeholder: a.passwordSet ? '(set — leave empty to keep)' : '(not set)', disabled: !editable });
    } else if (a.cardinality !== 0) {
      control = el('textarea', { name, rows: 3, disabled: !editable, placeholder: 'one value per line' });
      control.value = current.join('\n');
    } else if (a.options.length) {
      control = el('select', { name, disabled: !editable }, a.options.map(o => el('option', { value: o.value, selected: current[0] === o.value }, o.label)));
    } else if (a.type === 'boolean') {
      control = el('select', { name, disabled: !editable }, ['true', 'false'].map(v => el('option', { value: v, selected: String(current[0]) === v }, v)));
    } else {
      const numeric = ['integer', 'long', 'short', 'byte', 'double', 'float'].includes(a.type);
      control = el('input', { type: numeric ? 'number' : 'text', name, value: current.length ? current[0] : '', disabled: !editable, step: numeric && (a.type === 'double' || a.type === 'float') ? 'any' : null });
    }
    control.id = (form.pid || form.factoryPid) + '.' + a.id;
    return el('div', { class: 'field' },
      el('label', { for: control.id }, a.name, a.required ? el('span', { class: 'req' }, ' *') : null),
      control, el('div', { class: 'help' }, a.description || ''), el('div', { class: 'field-error', 'data-for': a.id }));
  }

  function section(form) {
    const editable = WG.can('administrator', 'clinical-engineer') && (!form.adminOnly || WG.can('administrator'));
    const title = form.pid ? form.name : form.name + ' — new instance';
    const f = el('form', { class: 'card config', 'data-pid': form.pid || '', 'data-factory': form.factoryPid || '' },
      el('h3', {}, title), el('div', { class: 'muted mono' }, form.pid || form.factoryPid, ' · ', form.bundle, form.adminOnly ? ' · administrators only' : ''),
      el('p', {}, form.description || ''),
      form.attributes.map(a => input(form, a)),
      editable ? el('div', { class: 'row' }, el('button', { type: 'submit', class: 'primary' }, 'Save'), el('span', { class: 'result' })) : null);
    f.addEventListener('submit', async (e) => {
      e.preventDefault();
      const fields = [];
      if (form.pid) fields.push(['pid', form.pid]); else fields.push(['factoryPid', form.factoryPid]);
      for (const a of form.attributes) {
        const c = f.elements['a.' + a.id];
        if (a.cardinality !== 0 && a.type !== 'password') {
          const lines = c.value.split('\n').map(s => s.trim()).filter(s => s.length);
          if (lines.length === 0) fields.push(['a.' + a.id, '']);
          lines.forEach(v => fields.push(['a.' + a.id, v]));
        } else fields.push(['a.' + a.id, c.value]);
      }
      f.querySelectorAll('.field-error').forEach(x => x.textContent = '');
      const result = f.querySelector('.result');
      try {
        await WG.api('/api/config', fields);
        result.textContent = 'Saved';
        result.className = 'result ok';
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
    return f;
  }

  (async () => {
    if (!await WG.start({ page: 'config.html' })) return;
    const data = await WG.api('/api/config');
    const content = document.getElementById('content');
    if (!data.available) { content.replaceChildren(el('p', { class: 'msg info' }, 'Configuration services are not running.')); return; }
    content.replaceChildren(...data.forms.map(section));
  })();
})();
