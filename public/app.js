// Small progressive enhancements; every page works without them (and CSP allows no inline script).
document.addEventListener('DOMContentLoaded', () => {
  // Select the invitation link on focus so it can be copied at once.
  for (const el of document.querySelectorAll('.copy-source')) el.addEventListener('focus', () => el.select());
  // Copy buttons: <button data-copy="id-of-field" data-copied="text" data-failed="text" hidden>, next to a
  // role=status element in the same parent. Hidden until this script shows them:
  // without JS the field is still there to select and copy by hand.
  for (const button of document.querySelectorAll('button[data-copy]')) {
    const field = document.getElementById(button.getAttribute('data-copy'));
    if (!field) continue;
    const status = button.parentElement && button.parentElement.querySelector('[role=status]');
    const say = (text) => {
      if (!status) return;
      status.textContent = '';
      // a fresh text node each time, so a screen reader announces a second copy too
      window.setTimeout(() => { status.textContent = text; }, 50);
    };
    const fallback = () => {
      field.focus();
      field.select();
      try { return document.execCommand('copy'); } catch { return false; }
    };
    button.hidden = false;
    button.addEventListener('click', async () => {
      let copied = false;
      try {
        if (navigator.clipboard && window.isSecureContext) { await navigator.clipboard.writeText(field.value); copied = true; }
      } catch { copied = false; }
      if (!copied) copied = fallback();
      say(button.getAttribute(copied ? 'data-copied' : 'data-failed') || '');
      if (!copied) { field.focus(); field.select(); }
    });
  }
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
