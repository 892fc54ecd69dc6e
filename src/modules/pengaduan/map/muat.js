// Loader of the complaint map (ADR 035): shows the map buttons (hidden without JavaScript) and
// fetches peta.js only when one is pressed. Served as /pengaduan/peta/muat.<hash>.js.
(function () {
  'use strict';
  var boxes = document.querySelectorAll('[data-peta]');
  var loading = null;
  function load(src, done) {
    if (window.GapuraPeta) return done();
    if (!loading) {
      loading = [];
      var s = document.createElement('script');
      s.src = src;
      s.onload = function () { loading.forEach(function (f) { f(); }); };
      document.head.appendChild(s);
    }
    loading.push(done);
  }
  Array.prototype.forEach.call(boxes, function (box) {
    var button = box.querySelector('[data-peta-buka]');
    if (!button) return;
    button.hidden = false;
    button.addEventListener('click', function () {
      button.disabled = true;
      load(box.getAttribute('data-peta-src'), function () {
        button.hidden = true;
        window.GapuraPeta.open(box);
      });
    });
  });
})();
