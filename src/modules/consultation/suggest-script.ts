// The small progressive-enhancement script of /tanya/baru: while the person types their question,
// similar published answers appear under the box (from /tanya/saran.json). Without JavaScript the
// same list shows on the check step. Served from this module (CSP allows scripts from 'self' only).
export const SUGGEST_SCRIPT = `(function () {
  var box = document.getElementById('f-question');
  var out = document.getElementById('saran');
  if (!box || !out || !window.fetch) return;
  var timer = 0, last = '';
  function render(items) {
    while (out.firstChild) out.removeChild(out.firstChild);
    if (!items.length) return;
    var h = document.createElement('h2');
    h.textContent = out.getAttribute('data-label');
    out.appendChild(h);
    var ul = document.createElement('ul');
    ul.className = 'faq-list';
    items.forEach(function (it) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = it.url;
      a.textContent = it.question;
      li.appendChild(a);
      ul.appendChild(li);
    });
    out.appendChild(ul);
  }
  function ask() {
    var q = box.value.trim();
    if (q === last) return;
    last = q;
    if (q.length < 3) { render([]); return; }
    fetch('/tanya/saran.json?q=' + encodeURIComponent(q), { headers: { accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : { faq: [] }; })
      .then(function (d) { if (q === last) render(d.faq || []); })
      .catch(function () {});
  }
  box.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(ask, 250); });
})();
`;
