// Drag a card to another column: the same move as the buttons, posted with htmx, which swaps the board.
// The CSRF header and the move URL come from data attributes of #board.
(function () {
  function wire(root) {
    var board = document.getElementById('board');
    if (!window.Sortable || !window.htmx || !board) { return; }
    root.querySelectorAll('#board .cards').forEach(function (list) {
      Sortable.create(list, {
        group: 'board', sort: false, animation: 120, forceFallback: true, filter: 'form, details, a, input, select, button',
        preventOnFilter: false,
        onAdd: function (evt) {
          var card = evt.item, headers = {}, current = document.getElementById('board');
          headers[current.dataset.csrfHeader] = current.dataset.csrfToken;
          htmx.ajax('POST', current.dataset.moveUrl, {
            target: '#board', swap: 'outerHTML', headers: headers,
            values: { lead: card.dataset.lead, version: card.dataset.version, target: evt.to.dataset.stage },
            source: current
          });
        }
      });
    });
  }
  document.addEventListener('DOMContentLoaded', function () {
    wire(document);
    document.body.addEventListener('htmx:afterSettle', function () { wire(document); });
  });
})();
