/*
 * The resident ID number check (GB 11643-1999), the same rules as CitizenIdNumber on the server:
 * 18 characters whose last is a check character over the first 17 (weights 7 9 10 5 8 4 2 1 6 3
 * 7 9 10 5 8 4 2, sum mod 11 -> "10X98765432"), or a legacy 15-digit number; the birth date in it
 * must be a real date from 1850 on. Returns null when the number is fine, otherwise the code the
 * server uses for the same fault.
 */
var HubIdNumber = (function () {
  'use strict';
  var WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  var CHECK_CHARACTERS = '10X98765432';

  function realDate(year, month, day) {
    if (year < 1850) {
      return false;
    }
    var date = new Date(Date.UTC(year, month - 1, day));
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  }

  function checkCharacter(first17) {
    var sum = 0;
    for (var i = 0; i < 17; i++) {
      sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
    }
    return CHECK_CHARACTERS.charAt(sum % 11);
  }

  function check(value) {
    var v = (value || '').trim().toUpperCase();
    if (v === '') {
      return 'ID_NUMBER_MISSING';
    }
    if (v.length === 18) {
      if (!/^\d{17}[\dX]$/.test(v)) {
        return 'ID_NUMBER_FORMAT';
      }
      if (!realDate(+v.substring(6, 10), +v.substring(10, 12), +v.substring(12, 14))) {
        return 'ID_NUMBER_BIRTH_DATE';
      }
      return v.charAt(17) === checkCharacter(v.substring(0, 17)) ? null : 'ID_NUMBER_CHECK_DIGIT';
    }
    if (v.length === 15) {
      if (!/^\d{15}$/.test(v)) {
        return 'ID_NUMBER_FORMAT';
      }
      return realDate(1900 + +v.substring(6, 8), +v.substring(8, 10), +v.substring(10, 12))
        ? null
        : 'ID_NUMBER_BIRTH_DATE';
    }
    return 'ID_NUMBER_FORMAT';
  }

  /** Whether a number still being typed may become a valid one: up to 17 digits so far. */
  function stillTyping(value) {
    return /^\d{0,17}$/.test((value || '').trim());
  }

  return { check: check, checkCharacter: checkCharacter, stillTyping: stillTyping };
})();
