// Small progressive enhancements; every page works without them (and CSP allows no inline script).
document.addEventListener('DOMContentLoaded', () => {
  // Select the invitation link on focus so it can be copied at once.
  for (const el of document.querySelectorAll('input.copy-source')) el.addEventListener('focus', () => el.select());
  // Character counters for fields with a limit: <textarea maxlength data-counter="id-of-output">.
  for (const el of document.querySelectorAll('[data-counter]')) {
    const out = document.getElementById(el.getAttribute('data-counter'));
    if (!out) continue;
    const max = Number(el.getAttribute('maxlength'));
    const update = () => { out.textContent = `${el.value.length} / ${max}`; };
    el.addEventListener('input', update);
    update();
  }
  // Confirmation for buttons that change a lot: <button data-confirm="text">.
  for (const el of document.querySelectorAll('[data-confirm]')) {
    el.addEventListener('click', (e) => { if (!window.confirm(el.getAttribute('data-confirm'))) e.preventDefault(); });
  }
});
