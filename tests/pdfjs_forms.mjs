// The checklists' forms as pdf.js (Firefox's PDF viewer) sees and fills them, for tests/test_forms.py.
//
//   node pdfjs_forms.mjs read FILE.pdf            -> JSON: every field by name: kind, value, export values, labels
//   node pdfjs_forms.mjs fill IN.pdf OUT.pdf JSON -> sets {name: value} through annotationStorage and saves,
//                                                    as the viewer does when a person fills the form in
// PDFJS_DIST names the pdfjs-dist package's folder.

import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const dist = process.env.PDFJS_DIST;
const pdfjs = await import(pathToFileURL(path.join(dist, "legacy/build/pdf.mjs")).href);

async function open(file) {
  return pdfjs.getDocument({
    data: new Uint8Array(readFileSync(file)),
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    standardFontDataUrl: path.join(dist, "standard_fonts") + "/",
  }).promise;
}

async function widgets(doc) {
  const found = [];
  for (let number = 1; number <= doc.numPages; number++) {
    const page = await doc.getPage(number);
    for (const a of await page.getAnnotations({ intent: "display" })) {
      if (a.annotationType !== pdfjs.AnnotationType.WIDGET) continue;
      const kind = a.fieldType === "Tx" ? "text" : a.radioButton ? "radio" : a.checkBox ? "checkbox" : "other";
      found.push({ id: a.id, page: number, kind, name: a.fieldName, value: a.fieldValue,
                   exportValue: a.radioButton ? a.buttonValue : a.checkBox ? a.exportValue : null,
                   label: a.alternativeText || "" });
    }
  }
  return found;
}

async function read(file) {
  const doc = await open(file);
  const fields = {};
  for (const w of await widgets(doc)) {
    const field = (fields[w.name] ||= { kind: w.kind, value: w.kind === "text" ? w.value : "Off", widgets: 0,
                                         exportValues: [], labels: [], pages: [] });
    field.widgets += 1;
    field.labels.push(w.label);
    field.pages.push(w.page);
    if (w.exportValue === null) continue;
    field.exportValues.push(String(w.exportValue));
    // a button is on, and shown so, when pdf.js's value for it is its export value
    if (String(w.value) === String(w.exportValue)) field.value = String(w.exportValue);
  }
  const names = Object.keys((await doc.getFieldObjects()) || {});
  console.log(JSON.stringify({ fields, fieldObjectNames: names }));
}

async function fill(input, output, values) {
  const doc = await open(input);
  for (const w of await widgets(doc)) {
    if (!(w.name in values)) continue;
    const wanted = values[w.name];
    const value = w.kind === "radio" ? String(w.exportValue) === wanted : w.kind === "checkbox" ? wanted === true : wanted;
    doc.annotationStorage.setValue(w.id, { value });
  }
  writeFileSync(output, await doc.saveDocument());
}

const [command, ...args] = process.argv.slice(2);
if (command === "read") await read(args[0]);
else if (command === "fill") await fill(args[0], args[1], JSON.parse(args[2]));
else throw new Error(`unknown command ${command}`);
