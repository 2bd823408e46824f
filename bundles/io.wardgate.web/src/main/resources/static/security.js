'use strict';
(() => {
  const { el } = WG;
  function certs(list, empty) {
    if (!list.length) return el('p', { class: 'muted' }, empty);
    return el('table', {}, el('thead', {}, el('tr', {}, ['Subject', 'Issuer', 'Valid until', 'Key', 'SHA-256'].map(h => el('th', {}, h)))),
      el('tbody', {}, list.map(c => el('tr', {}, el('td', {}, c.subject), el('td', {}, c.issuer), el('td', {}, WG.when(c.notAfter)), el('td', {}, c.keyAlgorithm), el('td', { class: 'mono small' }, c.sha256)))));
  }
  async function load() {
    const s = await WG.api('/api/security');
    const admin = WG.can('administrator');
    document.getElementById('content').replaceChildren(
      el('h2', {}, 'Gateway identity'),
      s.gatewayAvailable ? el('p', {}, 'Gateway id ', el('strong', {}, s.gatewayId)) : el('p', { class: 'msg info' }, 'The key service is not running.'),
      certs(s.gatewayChain, 'No certificate installed.'),
      admin && s.csrAvailable ? el('p', {}, el('a', { class: 'button', href: '/api/security/csr', download: 'wardgate.csr' }, 'Download certificate signing request')) : null,
      admin ? installer('anchors', 'Install trust anchors', 'First: the hospital CA certificates that the gateway certificate (and the backend\'s) must chain to (PEM). They replace the installed ones.') : null,
      admin ? installer('chain', 'Install the signed certificate chain', 'Then: the gateway certificate first, then the CAs that issued it (PEM, as the hospital PKI returned it).') : null,
      el('h2', {}, 'Trust anchors (gateway PKI)'),
      s.trustAnchorsAvailable ? certs(s.trustAnchors, 'No trust anchor configured: the uplink trusts nobody.') : el('p', { class: 'msg info' }, 'Trust anchors are not available (uplink not running).'),
      el('h2', {}, 'Web UI certificate'),
      s.uiCertificate ? certs([s.uiCertificate], '') : el('p', { class: 'muted' }, 'Unknown.'),
      el('p', { class: 'muted' }, s.uiCertificateCustom ? 'Installed by the operator (see docs/operations.md).' : 'Self-signed by this gateway. An operator can install a hospital-issued certificate instead (docs/operations.md).'),
      admin && !s.uiCertificateCustom ? el('button', { class: 'danger', onclick: rotate }, 'Rotate web UI certificate') : null);
  }
  // Paste or choose a PEM file; the gateway checks it (a chain for its own key, anchors that are CAs).
  function installer(what, title, help) {
    const text = el('textarea', { name: what, rows: 6, class: 'mono', placeholder: '-----BEGIN CERTIFICATE-----', id: 'pem-' + what });
    const file = el('input', { type: 'file', accept: '.pem,.crt,.cer', 'aria-label': 'PEM file' });
    file.addEventListener('change', async () => { if (file.files.length) text.value = await file.files[0].text(); });
    const result = el('span', { class: 'result', role: 'status' });
    const form = el('form', { class: 'card install', id: 'install-' + what }, el('h3', {}, title), el('p', { class: 'muted' }, help), file, text,
      el('div', { class: 'row' }, el('button', { type: 'submit', class: 'primary' }, 'Install'), result));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      try { await WG.api('/api/security/' + what, { [what]: text.value }); WG.message('msg', title + ': done', 'ok'); await load(); }
      catch (err) { result.textContent = err.message; result.className = 'result error'; }
    });
    return form;
  }

  async function rotate() {
    if (!confirm('Make a new key and certificate for this UI? Browsers will warn about the new certificate.')) return;
    try { await WG.api('/api/security/rotate-ui-certificate', {}); WG.message('msg', 'Rotated. Reload the page and accept the new certificate.', 'ok'); }
    catch (e) { WG.message('msg', e.message); }
  }
  (async () => { if (await WG.start({ page: 'security.html' })) await load(); })();
})();
