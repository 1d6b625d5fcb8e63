// The audit log's person field: names suggested while typing (a <datalist> filled from
// /admin/audit/people.json, at most 20 at a time). Without this script the field still works:
// the server finds the people whose name or address starts with what was typed.
document.addEventListener('DOMContentLoaded', () => {
  const field = document.querySelector('input[data-people]');
  const list = field && document.getElementById(field.getAttribute('list'));
  if (!field || !list) return;
  let timer = 0;
  let asked = '';
  field.addEventListener('input', () => {
    window.clearTimeout(timer);
    const typed = field.value.trim();
    if (typed.length < 2 || typed === asked) return;
    timer = window.setTimeout(async () => {
      asked = typed;
      try {
        const res = await fetch(`${field.getAttribute('data-people')}?q=${encodeURIComponent(typed)}`, { headers: { accept: 'application/json' } });
        if (!res.ok || asked !== typed) return;
        const people = await res.json();
        list.replaceChildren(...people.map((p) => Object.assign(document.createElement('option'), { value: p.fullName, label: p.label })));
      } catch {
        /* suggestions are a convenience; the search itself works without them */
      }
    }, 200);
  });
});
