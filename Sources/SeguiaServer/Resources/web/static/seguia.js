// Small improvements over pages that work without script: facet checkboxes submit their form
// at once (the submit button stays for keyboards and for browsers without script).
"use strict";
document.addEventListener("change", (event) => {
  const input = event.target;
  if (input instanceof HTMLInputElement && input.form && input.form.hasAttribute("data-autosubmit")) {
    input.form.requestSubmit();
  }
});

// The editor keeps a copy of what is typed in this browser (localStorage), so that a lost
// connection or a closed tab loses nothing: the next visit offers the copy back. The copy goes
// once the sheet's page says it was saved. Without script the form works as well, without copy.
const draftPrefix = "seguia-draft:";

function formFields(form) {
  const fields = {};
  for (const element of form.elements) {
    if (!element.name || element.type === "hidden" || element.type === "submit") continue;
    if (element.type === "checkbox" || element.type === "radio") {
      if (!fields[element.name]) fields[element.name] = [];
      if (element.checked) fields[element.name].push(element.value);
    } else {
      fields[element.name] = element.value;
    }
  }
  return fields;
}

function fillForm(form, fields) {
  for (const element of form.elements) {
    if (!element.name || !(element.name in fields) || element.type === "hidden" || element.type === "submit") continue;
    const value = fields[element.name];
    if (element.type === "checkbox" || element.type === "radio") {
      element.checked = Array.isArray(value) && value.includes(element.value);
    } else {
      element.value = value;
    }
  }
}

function storage() {
  try { return window.localStorage; } catch (error) { return null; }
}

document.addEventListener("DOMContentLoaded", () => {
  const store = storage();
  if (!store) return;
  for (const marker of document.querySelectorAll("[data-saved-draft]")) {
    const prefix = draftPrefix + marker.getAttribute("data-saved-draft");
    for (const key of Object.keys(store)) {
      if (key === prefix || key.startsWith(prefix + "#")) store.removeItem(key);
    }
  }
  for (const form of document.querySelectorAll("form[data-draft-key]")) {
    const revision = form.elements.revision;
    const base = draftPrefix + form.getAttribute("data-draft-key") + "#";
    const keyFor = () => base + (revision ? revision.value : "");
    const notice = form.querySelector("[data-draft-notice]");
    if (notice) notice.hidden = false;
    // The newest copy of this form, whatever version it was typed on.
    let copy = null;
    for (const key of Object.keys(store)) {
      if (!key.startsWith(base)) continue;
      try {
        const candidate = JSON.parse(store.getItem(key));
        if (!copy || candidate.at > copy.at) copy = candidate;
      } catch (error) { store.removeItem(key); }
    }
    if (copy) {
      if (JSON.stringify(copy.fields) !== JSON.stringify(formFields(form))) {
        const offer = document.createElement("div");
        offer.className = "notice";
        offer.setAttribute("role", "status");
        const text = document.createElement("p");
        text.textContent = form.getAttribute("data-restore-text");
        const button = document.createElement("button");
        button.type = "button";
        button.className = "secondary";
        button.textContent = form.getAttribute("data-restore-button");
        // The copy keeps the version it was typed on: if the sheet changed since, saving it
        // brings the side-by-side page instead of writing over the other person's text.
        button.addEventListener("click", () => {
          fillForm(form, copy.fields);
          if (revision && copy.revision) revision.value = copy.revision;
          offer.remove();
        });
        offer.append(text, button);
        form.prepend(offer);
      }
    }
    form.addEventListener("input", () => {
      const fields = formFields(form);
      store.setItem(keyFor(), JSON.stringify({ at: new Date().toISOString(), revision: revision ? revision.value : "", fields: fields }));
    });
  }
});
