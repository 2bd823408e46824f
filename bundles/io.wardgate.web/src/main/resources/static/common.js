// Shared by every page: the session, the CSRF token, safe DOM building (no innerHTML), navigation.
'use strict';
const WG = (() => {
  let session = null;
  const NAV = [
    ['index.html', 'Dashboard', ['administrator', 'clinical-engineer', 'auditor', 'viewer']],
    ['checklist.html', 'First run', ['administrator', 'clinical-engineer']],
    ['devices.html', 'Devices', ['administrator', 'clinical-engineer', 'auditor', 'viewer']],
    ['config.html', 'Configuration', ['administrator', 'clinical-engineer', 'auditor']],
    ['security.html', 'Security', ['administrator', 'auditor']],
    ['audit.html', 'Audit log', ['administrator', 'auditor']],
    ['users.html', 'Users', ['administrator']],
    ['account.html', 'My account', ['administrator', 'clinical-engineer', 'auditor', 'viewer']],
  ];

  function el(tag, attrs, ...children) {
    const svg = ['svg', 'path', 'polyline', 'line', 'circle', 'rect', 'text'].includes(tag);
    const node = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'onclick' || k === 'onsubmit' || k === 'onchange') node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined) continue;
      node.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    }
    return node;
  }

  async function api(path, fields) {
    const options = { credentials: 'same-origin', headers: {} };
    if (fields !== undefined) {
      options.method = 'POST';
      options.headers['X-CSRF-Token'] = session ? session.csrf : '';
      options.headers['Content-Type'] = 'application/x-www-form-urlencoded';
      const body = new URLSearchParams();
      for (const [k, v] of (fields instanceof Array ? fields : Object.entries(fields))) body.append(k, v);
      options.body = body;
    }
    const response = await fetch(path, options);
    if (response.status === 401 && !path.startsWith('/api/login') && !path.startsWith('/api/setup')) {
      location.href = '/login.html';
      throw new Error('Session ended');
    }
    const type = response.headers.get('Content-Type') || '';
    const data = type.startsWith('application/json') ? await response.json() : await response.text();
    if (!response.ok) {
      const error = new Error((data && data.error) || ('HTTP ' + response.status));
      error.data = data;
      throw error;
    }
    return data;
  }

  async function start(options) {
    session = await api('/api/session');
    if (options.anonymous) return session;
    if (!session.authenticated) { location.href = '/login.html'; return null; }
    if (session.stage === 'enrolling' && !options.enrolling) { location.href = '/enroll.html'; return null; }
    header(options.page);
    return session;
  }

  function header(page) {
    const top = document.getElementById('top');
    const nav = el('nav', {});
    for (const [href, label, roles] of NAV) {
      if (roles.includes(session.role)) nav.appendChild(el('a', { href: '/' + href, class: href === page ? 'active' : null }, label));
    }
    const logout = el('button', { class: 'link', id: 'logout', onclick: async () => { await api('/api/logout', {}); location.href = '/login.html'; } }, 'Log out');
    top.replaceChildren(
      el('div', { class: 'brand' }, el('img', { src: '/logo.svg', alt: '' }), el('span', {}, 'WardGate'), el('span', { class: 'site', id: 'site-name' }, session.site)),
      nav,
      el('div', { class: 'who' }, el('span', {}, session.user), el('span', { class: 'role' }, session.role.replace('-', ' ')), logout));
  }

  function message(target, text, kind) {
    const box = typeof target === 'string' ? document.getElementById(target) : target;
    box.replaceChildren(text ? el('div', { class: 'msg ' + (kind || 'error') }, text) : '');
  }

  function when(iso) {
    if (!iso) return '—';
    const d = new Date(iso);
    // Every time with its zone (the browser's), so that nobody has to guess.
    return d.toLocaleString(undefined, { year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short' });
  }

  function can(...roles) { return session && roles.includes(session.role); }

  return { el, api, start, message, when, can, session: () => session };
})();
