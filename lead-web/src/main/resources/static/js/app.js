// Shared page behaviour, kept out of the templates so the Content-Security-Policy can forbid inline scripts.
(function () {
  // A form marked data-autosubmit (a product picker) submits itself when one of its fields changes.
  document.addEventListener('change', function (event) {
    var form = event.target.closest ? event.target.closest('form[data-autosubmit]') : null;
    if (form) {
      form.submit();
    }
  });
})();
