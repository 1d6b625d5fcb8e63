// The completion page: «mark all as completed» sets every row still at «—» to completed (their hours are
// prefilled with the track's). Without JS the button stays hidden and each row is chosen by hand.
document.addEventListener('DOMContentLoaded', () => {
  const button = document.getElementById('mark-all-completed');
  if (!button) return;
  button.hidden = false;
  button.addEventListener('click', () => {
    for (const select of document.querySelectorAll('#completion-form select.outcome-choice')) {
      if (select.value === '') select.value = 'complete';
    }
  });
});
