"""The checklists' form fields, made as ISO 32000-1 describes them, so every PDF client reads the same values.

WeasyPrint 70 writes each radio button as a field of its own (its own /T and /FT, and listed in
AcroForm /Fields beside its group), names the buttons' states by position ("0" … "5") with the
meaning only in the group's /Opt, gives the group the first button's label, and leaves text fields
without appearance streams. pdf.js then reads a rating set by pypdf as "Off", and pypdf one set in
Firefox. Here, over the written PDF:

- a rating is one radio field whose kids are plain widgets; each button's "on" state is named by
  its export value ("1" … "5", "na"), and the group's /TU is the label of the HTML group around it;
- every text field has an appearance stream for its (empty) value, so no viewer must make one up;
- every button says how a viewer should draw it itself (/MK /CA, /DA): one told by a filling tool to
  redraw the fields (NeedAppearances, which pypdf sets; poppler obeys) otherwise draws a ticked box
  empty. The marks are ZapfDingbats', as ISO 32000-1 12.7.4.2.3 has it; the file itself draws with
  its own appearance streams and never uses that font;
- identical appearance streams of buttons are written once (a checklist has a hundred equal circles).
  Not those of text fields: a filling tool may rewrite a field's stream in place (pypdf does).
"""

from __future__ import annotations

from html.parser import HTMLParser

import pikepdf

RADIO = 1 << 15  # field flag bit 16: a radio button field
PUSH_BUTTON = 1 << 16
DINGBATS = "/ZaDb"  # the resource name viewers expect for ZapfDingbats
MARKS = {"radio": ("l", 0.6), "checkbox": ("4", 0.8)}  # ZapfDingbats' disc and check mark, and their size in the box
EMPTY_TEXT = b"/Tx BMC EMC\n"  # the appearance of an empty text field (ISO 32000-1, 12.7.3.3)


def repair_forms(pdf: pikepdf.Pdf, group_labels: dict[str, str]) -> None:
    """Make the form in `pdf` well formed; `group_labels` names each radio group (by field name)."""
    if "/AcroForm" not in pdf.Root:
        return
    form = pdf.Root.AcroForm
    buttons: set[tuple[int, int]] = set()
    for field in form.Fields:
        if _is_radio_group(field):
            buttons.update(_repair_radio_group(field, group_labels))
    form.Fields = pikepdf.Array([field for field in form.Fields if field.objgen not in buttons])
    for field in form.Fields:
        if field.get("/FT") == "/Tx":
            _add_empty_appearance(pdf, field)
        elif field.get("/FT") == "/Btn" and not int(field.get("/Ff", 0)) & PUSH_BUTTON:
            _add_caption(pdf, form, field)
    # Every field now carries its appearance: viewers need not make them up (PDF 2.0 deprecates the flag).
    if "/NeedAppearances" in form:
        del form.NeedAppearances
    _share_appearances(pdf)


def _is_radio_group(field: pikepdf.Object) -> bool:
    return field.get("/FT") == "/Btn" and int(field.get("/Ff", 0)) & RADIO and "/Kids" in field


def _repair_radio_group(group: pikepdf.Dictionary, labels: dict[str, str]) -> list[tuple[int, int]]:
    """The buttons become widgets of the group, each "on" state named by its export value; their ids."""
    values = [str(value) for value in group.get("/Opt", [])]
    name = str(group.T)
    if name in labels:
        group.TU = pikepdf.String(labels[name])
    chosen = None
    for index, button in enumerate(group.Kids):
        value = values[index] if index < len(values) else str(index)
        state = pikepdf.Name("/" + value)
        position = pikepdf.Name(f"/{index}")
        normal = button.AP.N
        if position in normal:
            button.AP.N = pikepdf.Dictionary({str(state): normal[position]})
        if button.get("/AS", pikepdf.Name.Off) != pikepdf.Name.Off:
            button.AS = state
            chosen = state
        for key in ("/T", "/FT", "/V", "/Ff"):  # a widget of the group, not a field: its /TU names its choice
            if key in button:
                del button[key]
    group.V = chosen if chosen is not None else pikepdf.Name.Off
    if "/Opt" in group:
        del group.Opt  # the states are the export values now; /Opt would make them positions again
    return [button.objgen for button in group.Kids]


def _add_caption(pdf: pikepdf.Pdf, form: pikepdf.Dictionary, field: pikepdf.Dictionary) -> None:
    """The mark a viewer draws in the button when it makes the button's appearance itself."""
    radio = bool(int(field.get("/Ff", 0)) & RADIO)
    mark, share = MARKS["radio" if radio else "checkbox"]
    widgets = list(field.Kids) if radio else [field]
    x1, y1, x2, y2 = (float(v) for v in widgets[0].Rect)
    colour = " ".join(str(c) for c in widgets[0].get("/MK", {}).get("/BC", [0])) or "0"
    operator = {1: "g", 3: "rg", 4: "k"}.get(len(colour.split()), "g")
    field.DA = pikepdf.String(f"{DINGBATS} {round(min(abs(x2 - x1), abs(y2 - y1)) * share, 2)} Tf {colour} {operator}")
    for widget in widgets:
        characteristics = widget.get("/MK", pikepdf.Dictionary())
        characteristics.CA = pikepdf.String(mark)
        widget.MK = characteristics
    _dingbats_resource(pdf, form)


def _dingbats_resource(pdf: pikepdf.Pdf, form: pikepdf.Dictionary) -> None:
    """ZapfDingbats among the form's default resources, in a dictionary of their own: WeasyPrint's /DR is the
    pages' resources, where an unembedded font would count as used by the page (PDF/UA-1 7.21.4.1)."""
    resources = form.get("/DR", pikepdf.Dictionary())
    fonts = resources.get("/Font", pikepdf.Dictionary())
    if DINGBATS in fonts:
        return
    own = pikepdf.Dictionary({key: value for key, value in fonts.items()})
    own[DINGBATS] = pdf.make_indirect(pikepdf.Dictionary({
        "/Type": pikepdf.Name.Font, "/Subtype": pikepdf.Name.Type1, "/BaseFont": pikepdf.Name.ZapfDingbats}))
    form.DR = pikepdf.Dictionary({key: value for key, value in resources.items() if key != "/Font"})
    form.DR.Font = own


def _add_empty_appearance(pdf: pikepdf.Pdf, field: pikepdf.Dictionary) -> None:
    if "/AP" in field:
        return
    x1, y1, x2, y2 = (float(v) for v in field.Rect)
    stream = pikepdf.Stream(pdf, EMPTY_TEXT)
    stream.Type = pikepdf.Name.XObject
    stream.Subtype = pikepdf.Name.Form
    stream.BBox = pikepdf.Array([0, 0, round(abs(x2 - x1), 3), round(abs(y2 - y1), 3)])
    stream.Resources = pikepdf.Dictionary()
    field.AP = pikepdf.Dictionary({"/N": pdf.make_indirect(stream)})


def _share_appearances(pdf: pikepdf.Pdf) -> None:
    """Point every button at one copy of each distinct appearance stream."""
    seen: dict[bytes, pikepdf.Object] = {}

    def shared(stream: pikepdf.Object) -> pikepdf.Object:
        key = stream.read_raw_bytes() + b"\0" + repr(sorted((k, repr(v)) for k, v in stream.items()
                                                               if k != "/Length")).encode()
        return seen.setdefault(key, stream)

    for page in pdf.pages:
        for annotation in page.get("/Annots", []):
            field_type = annotation.get("/FT") or annotation.get("/Parent", {}).get("/FT")
            if annotation.get("/Subtype") != "/Widget" or field_type != "/Btn" or "/AP" not in annotation:
                continue
            for kind in ("/N", "/D"):
                appearance = annotation.AP.get(kind)
                if isinstance(appearance, pikepdf.Stream):
                    annotation.AP[kind] = shared(appearance)
                elif isinstance(appearance, pikepdf.Dictionary):
                    for state in list(appearance.keys()):
                        appearance[state] = shared(appearance[state])


class _GroupLabels(HTMLParser):
    """For each radio input: the aria-label of the nearest element around it that has one."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, str | None]] = []  # tag, aria-label
        self.labels: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "input" and values.get("type") == "radio" and values.get("name"):
            label = next((label for _, label in reversed(self.open) if label), None)
            if label:
                self.labels.setdefault(values["name"] or "", " ".join(label.split()))
        if tag not in self.VOID:
            self.open.append((tag, values.get("aria-label")))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                return


def radio_group_labels(html: str) -> dict[str, str]:
    """Each radio group's accessible name, by field name: the aria-label of the group around its buttons."""
    parser = _GroupLabels()
    parser.feed(html)
    parser.close()
    return parser.labels
