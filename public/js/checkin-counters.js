// Live counters of an event's door: refreshed every 5 s from the JSON endpoint the block names. The numbers
// rendered with the page stay if a request fails (a phone losing its network at the door).
(function () {
  'use strict';
  var boxes = document.querySelectorAll('[data-counters-url]');
  if (!boxes.length || !window.fetch) return;
  function apply(box, c) {
    var values = { registered: c.registered, checkedIn: c.checkedIn, waiting: c.waiting };
    (c.byType || []).forEach(function (t) {
      values[t.type + '.registered'] = t.registered;
      values[t.type + '.checkedIn'] = t.checkedIn;
      values[t.type + '.waiting'] = t.waiting;
    });
    box.querySelectorAll('[data-count]').forEach(function (el) {
      var v = values[el.getAttribute('data-count')];
      if (v !== undefined && el.textContent !== String(v)) el.textContent = String(v);
    });
  }
  function refresh() {
    if (document.hidden) return;
    boxes.forEach(function (box) {
      fetch(box.getAttribute('data-counters-url'), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (c) { if (c) apply(box, c); })
        .catch(function () { /* the next round will try again */ });
    });
  }
  window.setInterval(refresh, 5000);
})();
