// The form builder's up and down buttons: move a field's row, then number every order box by where its row now
// stands, so what is saved is what the marketer sees. Without script the buttons stay hidden and the number boxes
// alone set the order.
(function () {
  function renumber(body) {
    body.querySelectorAll('tr.field-row input.field-order').forEach(function (input, index) {
      input.value = String(index + 1);
      input.classList.remove('is-invalid');
    });
  }
  // The first row cannot go up nor the last down: their buttons say so instead of doing nothing.
  function markEnds(body) {
    var rows = body.querySelectorAll('tr.field-row');
    rows.forEach(function (row, index) {
      var up = row.querySelector('button.field-move[data-move="up"]');
      var down = row.querySelector('button.field-move[data-move="down"]');
      if (up) { up.disabled = index === 0; }
      if (down) { down.disabled = index === rows.length - 1; }
    });
  }
  document.addEventListener('DOMContentLoaded', function () {
    var table = document.getElementById('form-fields');
    if (!table) { return; }
    table.querySelectorAll('button.field-move').forEach(function (button) { button.hidden = false; });
    markEnds(table.tBodies[0]);
    table.addEventListener('click', function (event) {
      var button = event.target.closest('button.field-move');
      if (!button) { return; }
      var row = button.closest('tr');
      var body = row.parentNode;
      if (button.dataset.move === 'up' && row.previousElementSibling) {
        body.insertBefore(row, row.previousElementSibling);
      } else if (button.dataset.move === 'down' && row.nextElementSibling) {
        body.insertBefore(row.nextElementSibling, row);
      } else {
        return;
      }
      renumber(body);
      markEnds(body);
      // Moving the row can drop focus; keep it on the button so a keyboard user can press again, or on its
      // neighbour once the row has reached an end.
      var other = row.querySelector('button.field-move[data-move="' + (button.dataset.move === 'up' ? 'down' : 'up') + '"]');
      (button.disabled && other ? other : button).focus();
    });
  });
})();
