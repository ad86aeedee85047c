"""The tag tree WeasyPrint writes, finished for PDF/UA-1 (ISO 14289-1).

WeasyPrint 70 tags well but not completely. Over the written PDF:

- running headers and footers (margin boxes, which it maps to elements outside the tree) and dot
  leaders (`leader(".")`, one marked sequence a dot) become artifacts, not text read aloud;
- a list item holds only Lbl and LBody (7.2-20): its other children go into an LBody, and a list
  that WeasyPrint lifted out of its item (`<li><p>…</p><ul>…`) goes back into it;
- a link annotation sits directly in its Link element (7.18.5-1), links nest no links, and each
  link annotation prints and is described by the link's own text (/Contents), not by its target's id;
- table header cells say which way they apply (/Scope), and the IDTree finds the cells' headers.
"""

from __future__ import annotations

import pikepdf

from .marked_content import make_artifacts, texts_by_mcid

PRINT = 1 << 2  # annotation flag bit 3
LEADER_RUN = 3  # this many one-dot sequences in a row are a leader, not text


class _Tree:
    """The structure tree with what repairs need: each element's parent, and the ParentTree."""

    def __init__(self, pdf: pikepdf.Pdf):
        self.pdf = pdf
        self.root = pdf.Root.StructTreeRoot
        self.parent_tree = pikepdf.NumberTree(self.root.ParentTree)
        self.elements: list[pikepdf.Dictionary] = []  # depth first, parents before children
        self.parents: dict[tuple[int, int], pikepdf.Dictionary] = {}
        stack = [(kid, None) for kid in reversed(list(_kids(self.root)))]
        while stack:
            element, parent = stack.pop()
            if not _is_element(element):
                continue
            self.elements.append(element)
            if parent is not None:
                self.parents[element.objgen] = parent
            stack.extend((kid, element) for kid in reversed(list(_kids(element))))
        self.reachable = {element.objgen for element in self.elements}

    def move_kid(self, kid: pikepdf.Object, source: pikepdf.Dictionary, target: pikepdf.Dictionary,
                 page: int | None = None) -> None:
        """Append `kid` (an element, an MCID or an OBJR) of `source` to `target`, keeping /P and the ParentTree true."""
        _remove_kid(_kid_array(source), kid)
        _kid_array(target).append(kid)
        if _is_element(kid):
            kid.P = target
            self.parents[kid.objgen] = target
        elif isinstance(kid, int):
            number = int(source.Pg.StructParents) if page is None else page
            self.parent_tree[number][kid] = target
        elif kid.get("/Type") == "/OBJR" and "/StructParent" in kid.Obj:
            self.parent_tree[int(kid.Obj.StructParent)] = target


def repair_structure(pdf: pikepdf.Pdf) -> None:
    if "/StructTreeRoot" not in pdf.Root:
        return
    tree = _Tree(pdf)
    texts = _artifacts(tree)
    _links(tree, texts)
    _lists(tree)
    _tables(tree)


def _artifacts(tree: _Tree) -> dict[int, dict[int, str]]:
    """Running heads and dot leaders into artifacts; the text of every MCID left, by page (its StructParents)."""
    shown: dict[int, dict[int, str]] = {}
    for page in tree.pdf.pages:
        if "/StructParents" not in page.obj:
            continue
        number = int(page.obj.StructParents)
        owners = tree.parent_tree[number]
        texts = texts_by_mcid(page)
        kinds = {mcid: "Pagination" for mcid, owner in enumerate(owners)
                 if _is_element(owner) and owner.objgen not in tree.reachable}
        kinds.update((mcid, "Layout") for mcid in _leaders(texts) if mcid not in kinds)
        make_artifacts(tree.pdf, page, kinds)
        for mcid, kind in kinds.items():
            if kind == "Layout":
                _drop_mcid(tree, owners[mcid], mcid)
            owners[mcid] = None
        shown[number] = {mcid: text for mcid, text in texts.items() if mcid not in kinds}
    return shown


def _leaders(texts: dict[int, str]) -> list[int]:
    """The MCIDs of dot leaders: runs of sequences that each draw one dot."""
    leaders: list[int] = []
    run: list[int] = []
    for mcid in sorted(texts):
        if texts[mcid].strip() == ".":
            if run and mcid != run[-1] + 1:
                leaders += run if len(run) >= LEADER_RUN else []
                run = []
            run.append(mcid)
        else:
            leaders += run if len(run) >= LEADER_RUN else []
            run = []
    return leaders + (run if len(run) >= LEADER_RUN else [])


def _drop_mcid(tree: _Tree, owner: pikepdf.Dictionary, mcid: int) -> None:
    """Take an MCID out of its element; an element left empty by it goes too."""
    _remove_kid(_kid_array(owner), mcid)
    while not len(_kid_array(owner)) and owner.objgen in tree.parents:
        parent = tree.parents.pop(owner.objgen)
        _remove_kid(_kid_array(parent), owner)
        owner = parent


def _links(tree: _Tree, shown: dict[int, dict[int, str]]) -> None:
    for link in [e for e in tree.elements if e.get("/S") == "/Link" and not _inside(tree, e, "/Link")]:
        for descendant in list(_descendants(link)):
            if descendant.get("/S") == "/Link":  # a link inside a link: its content is the outer link's
                parent = tree.parents[descendant.objgen]
                for kid in list(_kids(descendant)):
                    tree.move_kid(kid, descendant, link)
                _remove_kid(_kid_array(parent), descendant)
        for holder in list(_descendants(link)):
            for kid in list(_kids(holder)):
                if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
                    tree.move_kid(kid, holder, link)
        _no_mixed_content(tree, link)
        text = " ".join(_text(link, shown).split())
        for kid in _kids(link):
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
                annotation = kid.Obj
                annotation.F = int(annotation.get("/F", 0)) | PRINT
                if text:
                    annotation.Contents = pikepdf.String(text)


def _no_mixed_content(tree: _Tree, element: pikepdf.Dictionary) -> None:
    """Each MCID beside child elements gets a Span of its own, so every reader keeps the content in order."""
    kids = _kid_array(element)
    if not any(_is_element(kid) for kid in kids):
        return
    for index, kid in enumerate(list(kids)):
        if isinstance(kid, int):
            span = tree.pdf.make_indirect(pikepdf.Dictionary({
                "/Type": pikepdf.Name.StructElem, "/S": pikepdf.Name.Span, "/P": element, "/Pg": element.Pg,
                "/K": pikepdf.Array([kid])}))
            kids[index] = span
            tree.parents[span.objgen] = element
            tree.parent_tree[int(element.Pg.StructParents)][kid] = span


def _text(element: pikepdf.Dictionary, shown: dict[int, dict[int, str]]) -> str:
    """The text an element shows, in the order of its content."""
    page = shown.get(int(element.Pg.StructParents), {}) if "/Pg" in element else {}
    return "".join(page.get(kid, "") if isinstance(kid, int) else _text(kid, shown) if _is_element(kid) else ""
                   for kid in _kids(element))


def _lists(tree: _Tree) -> None:
    for element in tree.elements:
        if element.get("/S") != "/L":
            continue
        previous = None
        for kid in list(_kids(element)):
            if _is_element(kid) and kid.get("/S") == "/L" and previous is not None:
                tree.move_kid(kid, element, _body(tree, previous))  # back into the item it came from
                continue
            previous = kid if _is_element(kid) and kid.get("/S") == "/LI" else None
    for item in [e for e in tree.elements if e.get("/S") == "/LI"]:
        strays = [kid for kid in _kids(item) if not (_is_element(kid) and kid.get("/S") in ("/Lbl", "/LBody"))]
        if strays:
            body = _body(tree, item)
            for kid in strays:
                tree.move_kid(kid, item, body)


def _body(tree: _Tree, item: pikepdf.Dictionary) -> pikepdf.Dictionary:
    """The item's LBody, made where it has none."""
    for kid in _kids(item):
        if _is_element(kid) and kid.get("/S") == "/LBody":
            return kid
    body = tree.pdf.make_indirect(pikepdf.Dictionary({
        "/Type": pikepdf.Name.StructElem, "/S": pikepdf.Name.LBody, "/P": item, "/K": pikepdf.Array()}))
    if "/Pg" in item:
        body.Pg = item.Pg
    _kid_array(item).append(body)
    tree.parents[body.objgen] = item
    return body


def _tables(tree: _Tree) -> None:
    """Each header cell's /Scope (Row where a cell of its own row names it, else Column), and the IDTree."""
    row_headers: set[bytes] = set()
    for cell in tree.elements:
        if cell.get("/S") == "/TD":
            row = tree.parents.get(cell.objgen)
            ids = {bytes(h.ID) for h in _kids(row) if _is_element(h) and h.get("/S") == "/TH" and "/ID" in h}
            headers = cell.get("/A", {}).get("/Headers", []) if isinstance(cell.get("/A"), pikepdf.Dictionary) else []
            row_headers.update(bytes(h) for h in headers if bytes(h) in ids)
    ids = pikepdf.NameTree.new(tree.pdf)
    for cell in tree.elements:
        if "/ID" in cell:
            ids[str(cell.ID)] = cell
        if cell.get("/S") == "/TH":
            attributes = cell.get("/A")
            if not isinstance(attributes, pikepdf.Dictionary):
                attributes = cell.A = pikepdf.Dictionary({"/O": pikepdf.Name.Table})
            scope = "/Row" if "/ID" in cell and bytes(cell.ID) in row_headers else "/Column"
            attributes.Scope = pikepdf.Name(scope)
    if len(ids.obj.get("/Names", [])) or "/Kids" in ids.obj:
        tree.root.IDTree = ids.obj


def _is_element(obj: object) -> bool:
    return isinstance(obj, pikepdf.Dictionary) and "/S" in obj


def _kids(element: pikepdf.Object) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _kid_array(element: pikepdf.Dictionary) -> pikepdf.Array:
    """The element's /K as an array (one kid may be written bare)."""
    kids = element.get("/K")
    if not isinstance(kids, pikepdf.Array):
        element.K = pikepdf.Array([] if kids is None else [kids])
    return element.K


def _remove_kid(kids: pikepdf.Array, kid: object) -> None:
    """Take one kid out of an array: an MCID by its number, an element or OBJR by its object."""
    for index, candidate in enumerate(kids):
        if isinstance(kid, int) and isinstance(candidate, int) and candidate == kid:
            break
        if not isinstance(kid, int) and isinstance(candidate, pikepdf.Object) and candidate.objgen == kid.objgen:
            break
    else:
        return
    del kids[index]


def _descendants(element: pikepdf.Dictionary):
    for kid in _kids(element):
        if _is_element(kid):
            yield kid
            yield from _descendants(kid)


def _inside(tree: _Tree, element: pikepdf.Dictionary, kind: str) -> bool:
    parent = tree.parents.get(element.objgen)
    while parent is not None:
        if parent.get("/S") == kind:
            return True
        parent = tree.parents.get(parent.objgen)
    return False
