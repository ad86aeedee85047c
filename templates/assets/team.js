/* The team's competence picture, from the self-assessment files staff chose to share. The files are
   read here, in the browser (nothing is uploaded: the page's Content-Security-Policy forbids every
   connection). A file from an older version of the handbook is read by competence code, and what it
   lacks or has in excess is named. Below three people only the list of files is shown, and names
   only when the leader asks, so no one is singled out by accident. */
(function () {
  "use strict";
  var MIN_PEOPLE = 3;
  var STRONG = 4;  // a competence where nobody reaches this level is a gap
  var data = JSON.parse(document.getElementById("team-data").textContent);
  var root = document.querySelector(".team");
  var input = root.querySelector(".team-input");
  var picture = root.querySelector(".team-picture");
  var texts = input.dataset;
  var fileInput = document.getElementById("team-files");
  var showNames = document.getElementById("show-names");
  var status = input.querySelector(".status");
  var files = [];  // {name, person, answers, notes: [message]} or {name, error}
  var known = {};
  data.competences.forEach(function (c) { known[c.code] = c; });

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) { return key in values ? values[key] : whole; });
  }

  function read(file) {
    return file.text().then(function (text) {
      var content;
      try { content = JSON.parse(text); } catch (error) { return { name: file.name, error: format(texts.unreadable, { file: file.name }) }; }
      if (!content || content.format !== data.format || typeof content.answers !== "object" || content.answers === null) {
        return { name: file.name, error: format(texts.notAssessment, { file: file.name }) };
      }
      if (content.formatVersion > data.formatVersion) {
        return { name: file.name, error: format(texts.newerFormat, { file: file.name }) };
      }
      return describe(file.name, content);
    });
  }

  function describe(name, content) {
    var answers = {};
    var removed = [];
    Object.keys(content.answers).sort().forEach(function (code) {
      var level = content.answers[code] && content.answers[code].level;
      var valid = level === "unknown" || level === null || [1, 2, 3, 4, 5].indexOf(level) >= 0;
      if (!known[code]) { removed.push(code); } else if (valid) { answers[code] = level; }
    });
    var notes = [];
    var version = content.handbook && content.handbook.version;
    if (version && version !== data.handbook.version) {
      notes.push(format(texts.otherVersion, { version: version, current: data.handbook.version }));
    }
    if (removed.length) { notes.push(format(texts.removed, { codes: removed.join(", ") })); }
    var profileCodes = data.competences.filter(function (c) { return c.profile === content.profile || c.profile === "ALL"; })
      .map(function (c) { return c.code; });
    var added = profileCodes.filter(function (code) { return !(code in content.answers); });
    if (added.length && version !== data.handbook.version) { notes.push(format(texts.added, { codes: added.join(", ") })); }
    return { name: name, person: (content.name || "").trim(), profile: content.profile, answers: answers, notes: notes };
  }

  function people() {
    return files.filter(function (file) { return !file.error; });
  }

  function render() {
    var list = input.querySelector(".file-list");
    list.replaceChildren();
    files.forEach(function (file) {
      var item = document.createElement("li");
      item.textContent = file.name + (file.error ? "" : " (" + file.profile + ")");
      if (file.error) {
        item.className = "file-error";
        item.appendChild(note(file.error));
      }
      (file.notes || []).forEach(function (message) { item.appendChild(note(message)); });
      list.appendChild(item);
    });
    input.querySelector(".team-files").hidden = files.length === 0;
    var count = people().length;
    picture.hidden = count < MIN_PEOPLE;
    if (files.length) {
      status.textContent = count < MIN_PEOPLE ? format(texts.tooFew, { count: count, minimum: MIN_PEOPLE })
        : format(texts.counted, { count: count });
    } else {
      status.textContent = "";
    }
    if (count >= MIN_PEOPLE) { drawPicture(); }
  }

  function note(message) {
    var line = document.createElement("span");
    line.className = "file-note";
    line.textContent = message;
    return line;
  }

  function drawPicture() {
    var assessed = people();
    var body = picture.querySelector(".heatmap tbody");
    body.replaceChildren();
    var gaps = [];
    data.competences.forEach(function (competence) {
      var counts = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, unknown: 0, none: 0 };
      var names = { 1: [], 2: [], 3: [], 4: [], 5: [], unknown: [], none: [] };
      var asked = 0;
      assessed.forEach(function (person) {
        if (!(competence.code in person.answers)) { return; }
        asked += 1;
        var level = person.answers[competence.code];
        var key = level === null ? "none" : String(level);
        counts[key] += 1;
        names[key].push(person.person || person.name);
      });
      if (!asked) { return; }
      var row = document.createElement("tr");
      row.dataset.code = competence.code;
      var heading = document.createElement("th");
      heading.scope = "row";
      var code = document.createElement("span");
      code.className = "code";
      code.textContent = competence.code;
      heading.append(code, " " + competence.title);
      row.appendChild(heading);
      ["1", "2", "3", "4", "5", "unknown", "none"].forEach(function (key) {
        var cell = document.createElement("td");
        cell.textContent = String(counts[key]);
        cell.dataset.level = key;
        cell.className = "heat-" + Math.min(4, Math.ceil(4 * counts[key] / asked));
        if (showNames.checked && names[key].length) {
          var who = document.createElement("span");
          who.className = "names";
          who.textContent = names[key].join(", ");
          cell.appendChild(who);
        }
        row.appendChild(cell);
      });
      body.appendChild(row);
      if (counts[4] + counts[5] === 0) { gaps.push(competence); }
    });
    fill(picture.querySelector(".gap-list"), gaps, false);
    fill(picture.querySelector(".hiring-list"), gaps, true);
    picture.querySelector(".no-gaps").hidden = gaps.length > 0;
  }

  function fill(list, competences, withProfile) {
    list.replaceChildren();
    competences.forEach(function (competence) {
      var item = document.createElement("li");
      item.dataset.code = competence.code;
      item.textContent = competence.code + " " + competence.title + (withProfile ? " (" + competence.profileName + ")" : "");
      list.appendChild(item);
    });
  }

  function add(chosen) {
    Promise.all(Array.prototype.map.call(chosen, read)).then(function (read) {
      files = files.concat(read).sort(function (a, b) { return a.name < b.name ? -1 : a.name > b.name ? 1 : 0; });
      render();
    });
  }

  fileInput.addEventListener("change", function () { add(fileInput.files); fileInput.value = ""; });
  var zone = input.querySelector(".drop-zone");
  zone.addEventListener("dragover", function (event) { event.preventDefault(); zone.classList.add("dragging"); });
  zone.addEventListener("dragleave", function () { zone.classList.remove("dragging"); });
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    zone.classList.remove("dragging");
    add(event.dataTransfer.files);
  });
  showNames.addEventListener("change", drawPicture);
  root.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) { return; }
    if (button.dataset.action === "clear") { files = []; render(); }
    if (button.dataset.action === "print") { document.documentElement.classList.add("printing-hiring"); window.print(); }
  });
  window.addEventListener("afterprint", function () { document.documentElement.classList.remove("printing-hiring"); });
  input.hidden = false;
  document.documentElement.classList.add("team-scripted");
})();
