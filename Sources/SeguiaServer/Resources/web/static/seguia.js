// Small improvements over pages that work without script: facet checkboxes submit their form
// at once (the submit button stays for keyboards and for browsers without script).
"use strict";
document.addEventListener("change", (event) => {
  const input = event.target;
  if (input instanceof HTMLInputElement && input.form && input.form.hasAttribute("data-autosubmit")) {
    input.form.requestSubmit();
  }
});
