/* The self-assessment page: answers kept in this browser only, printed, or downloaded as a file or a
   filled development-review PDF. Nothing is sent anywhere (the page's Content-Security-Policy forbids
   every connection). Answers live for the tab (sessionStorage) unless the person ticks "remember on
   this computer" (localStorage): a library PC is shared. The PDF library and the PDF itself are loaded
   as scripts, only when a PDF is asked for, so the page works from disk as from a server. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("assessment-data").textContent);
  var form = document.getElementById("assessment-form");
  var actions = document.querySelector(".assessment-actions");
  var status = actions.querySelector(".status");
  var remember = document.getElementById("remember");
  var texts = actions.dataset;
  var page = document.documentElement;

  function stores() {
    var found = [];
    try { found.push(window.sessionStorage); } catch (error) { /* storage switched off */ }
    try { found.push(window.localStorage); } catch (error) { /* storage switched off */ }
    return found;
  }

  function answers() {
    var result = {};
    data.competences.forEach(function (code) {
      var level = form.querySelector("input[name='" + code + ".level']:checked");
      result[code] = {
        level: level ? (level.value === "unknown" ? "unknown" : Number(level.value)) : null,
        note: form.elements[code + ".note"].value,
        goal: form.elements[code + ".goal"].value
      };
    });
    return result;
  }

  function snapshot() {
    return {
      format: data.format,
      formatVersion: data.formatVersion,
      handbook: data.handbook,
      profile: data.profile,
      lang: data.lang,
      name: form.elements.name.value.trim(),
      answers: answers()
    };
  }

  function save() {
    var text = JSON.stringify(snapshot());
    var session = stores()[0];
    var local = stores()[1];
    if (session) { session.setItem(data.storageKey, text); }
    if (local) {
      if (remember.checked) { local.setItem(data.storageKey, text); } else { local.removeItem(data.storageKey); }
    }
  }

  function restore() {
    var kept = null;
    stores().forEach(function (store) {
      var text = store.getItem(data.storageKey);
      if (text && !kept) {
        try { kept = JSON.parse(text); } catch (error) { store.removeItem(data.storageKey); }
        if (store === window.localStorage) { remember.checked = true; }
      }
    });
    if (!kept || !kept.answers) { return; }
    form.elements.name.value = kept.name || "";
    data.competences.forEach(function (code) {
      var answer = kept.answers[code];
      if (!answer) { return; }
      var value = answer.level === "unknown" ? "unknown" : String(answer.level);
      var radio = form.querySelector("input[name='" + code + ".level'][value='" + value + "']");
      if (radio) { radio.checked = true; }
      form.elements[code + ".note"].value = answer.note || "";
      form.elements[code + ".goal"].value = answer.goal || "";
    });
  }

  function clearAll() {
    stores().forEach(function (store) { store.removeItem(data.storageKey); });
    form.reset();
    remember.checked = false;
    say(texts.cleared);
  }

  function say(message) {
    status.textContent = message;
  }

  function download(bytes, type, name) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([bytes], { type: type }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
  }

  function fileName(extension) {
    var name = form.elements.name.value.trim().toLowerCase().replace(/[^a-z0-9æøåäöü]+/g, "-").replace(/^-|-$/g, "");
    return "self-assessment-" + data.profile.toLowerCase() + (name ? "-" + name : "") + "." + extension;
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = function () { reject(new Error(src)); };
      document.head.appendChild(script);
    });
  }

  function siteUrl(path) {  // `path` from the site's root; the page is one folder deep
    return "../" + path;
  }

  function MissingForm() {}

  function filledPdf() {
    var loads = [];
    if (!window.PDFLib) { loads.push(loadScript(siteUrl(texts.pdfLibrary))); }
    if (!(window.handbookForms && window.handbookForms[data.review])) { loads.push(loadScript(siteUrl(data.review + ".js"))); }
    return Promise.all(loads).catch(function () {
      throw new MissingForm();  // a build without PDFs (--no-pdfs), or a copy of the site without them
    }).then(function () {
      var bytes = Uint8Array.from(atob(window.handbookForms[data.review]), function (c) { return c.charCodeAt(0); });
      return window.PDFLib.PDFDocument.load(bytes);
    }).then(function (pdf) {
      var fields = pdf.getForm();
      var state = snapshot();
      setText(fields, "employee", state.name);
      data.competences.forEach(function (code) {
        var answer = state.answers[code];
        if (typeof answer.level === "number") { fields.getRadioGroup(code + ".self").select(String(answer.level)); }
        setText(fields, code + ".note", answer.note);
        setText(fields, code + ".goal", answer.goal);
      });
      return pdf.save();
    });
  }

  function setText(fields, name, value) {
    if (!value) { return; }
    var field = fields.getTextField(name);
    try {
      field.setText(value);
    } catch (error) {  // a character the standard font cannot show: keep the value, let the viewer draw it
      field.acroField.setValue(window.PDFLib.PDFHexString.fromText(value));
    }
  }

  actions.addEventListener("click", function (event) {
    var action = event.target.closest("button") && event.target.closest("button").dataset.action;
    if (action === "print") {
      window.print();
    } else if (action === "json") {
      download(JSON.stringify(snapshot(), null, 2) + "\n", "application/json", fileName("json"));
      say(texts.jsonSaved);
    } else if (action === "pdf") {
      if (!data.review) { say(texts.pdfMissing); return; }
      say(texts.pdfWorking);
      filledPdf().then(function (bytes) {
        download(bytes, "application/pdf", fileName("pdf"));
        say(texts.pdfSaved);
      }, function (error) {
        say(error instanceof MissingForm ? texts.pdfMissing : texts.pdfFailed + " " + error);
      });
    } else if (action === "clear") {
      clearAll();
    }
  });
  form.addEventListener("input", save);
  form.addEventListener("change", save);
  form.addEventListener("submit", function (event) { event.preventDefault(); });

  restore();
  actions.hidden = false;
  document.querySelector(".remember").hidden = false;
  page.classList.add("assessment-scripted");
})();
