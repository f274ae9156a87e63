/* global document, HTMLInputElement, HTMLTextAreaElement, HTMLSelectElement, HTMLFormElement */
// koe serve: small comforts only; every page works without this file.
// "/" focuses the search box; a form is not sent twice by a double click.
document.addEventListener('keydown', (e) => {
  if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
  const target = e.target;
  if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return;
  const box = document.querySelector('form.search input[type=search]');
  if (box) {
    e.preventDefault();
    box.focus();
  }
});
document.addEventListener('submit', (e) => {
  const form = e.target;
  if (!(form instanceof HTMLFormElement) || form.method.toLowerCase() !== 'post') return;
  if (form.dataset.sent === '1') {
    e.preventDefault();
    return;
  }
  form.dataset.sent = '1';
});
