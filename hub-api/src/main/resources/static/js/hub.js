/*
 * The pages' few behaviours, none of which a form needs to work:
 * - htmx requests carry the CSRF token (from the page's meta tags);
 * - ID numbers are checked as they are typed (HubIdNumber, the server's rules), the fault shown
 *   under the input it concerns (aria-describedby points there) in the page's language;
 * - the raise form shows the fields the chosen proof type needs (data-required-fields);
 * - a refused form's summary of problems takes the focus.
 */
(function () {
  'use strict';

  document.addEventListener('htmx:configRequest', function (event) {
    var token = document.querySelector('meta[name="csrf-token"]');
    var header = document.querySelector('meta[name="csrf-header"]');
    if (token && header) {
      event.detail.headers[header.getAttribute('content')] = token.getAttribute('content');
    }
  });

  function errorOf(input) {
    return document.getElementById(input.id + '-error');
  }

  function show(input, text, code) {
    var error = errorOf(input);
    if (error) {
      error.textContent = text;
      error.setAttribute('data-code', code || '');
    }
    if (text) {
      input.setAttribute('aria-invalid', 'true');
    } else {
      input.removeAttribute('aria-invalid');
    }
  }

  function message(input, code) {
    return input.getAttribute('data-msg-' + code) || code;
  }

  /** The first fault of the input's number(s), as [code, text]; null when none (yet). */
  function fault(input, finished) {
    var value = input.value.trim();
    var numbers = input.hasAttribute('data-id-number-list')
      ? value.split(/[\s,，、;；]+/).filter(function (n) { return n !== ''; })
      : [value];
    for (var i = 0; i < numbers.length; i++) {
      var number = numbers[i];
      var last = i === numbers.length - 1;
      if (number === '' || (last && !finished && HubIdNumber.stillTyping(number))) {
        continue;
      }
      var code = HubIdNumber.check(number);
      if (code) {
        var text = message(input, code);
        if (numbers.length > 1) {
          var form = input.form;
          var item = form && form.getAttribute('data-msg-other');
          text = item ? item.replace('{0}', String(i + 1)).replace('{1}', text) : text;
        }
        return [code, text];
      }
    }
    return null;
  }

  function checkIdNumber(input, finished) {
    var found = fault(input, finished);
    show(input, found ? found[1] : '', found ? found[0] : '');
  }

  function applyProofType(select) {
    var option = select.options[select.selectedIndex];
    var chosen = select.value !== '';
    var required = ((option && option.getAttribute('data-required-fields')) || '')
      .split(' ')
      .filter(function (f) { return f !== ''; });
    var boxes = document.querySelectorAll('[data-field]');
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      var needed = required.indexOf(box.getAttribute('data-field')) >= 0;
      var shown = !chosen || needed || box.hasAttribute('data-always');
      box.hidden = !shown;
      var inputs = box.querySelectorAll('input, select, textarea');
      for (var j = 0; j < inputs.length; j++) {
        inputs[j].disabled = !shown;
        inputs[j].required = needed;
      }
      var mark = box.querySelector('[data-required-mark]');
      if (mark) {
        mark.hidden = !needed;
      }
    }
  }

  function start() {
    // a refused form: its summary of problems takes the focus, so it is seen and read first
    var summary = document.querySelector('.error-summary[tabindex]');
    if (summary) {
      summary.focus();
    }
    var idInputs = document.querySelectorAll('input[data-id-number]');
    for (var i = 0; i < idInputs.length; i++) {
      (function (input) {
        input.addEventListener('input', function () { checkIdNumber(input, false); });
        input.addEventListener('change', function () { checkIdNumber(input, true); });
      })(idInputs[i]);
    }
    var proofType = document.querySelector('select[data-proof-type]');
    if (proofType) {
      proofType.addEventListener('change', function () { applyProofType(proofType); });
      applyProofType(proofType);
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
