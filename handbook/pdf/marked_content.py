"""A page's marked content: the text each marked-content id (MCID) shows, and turning some into artifacts."""

from __future__ import annotations

import re

import pikepdf

_TEXT_SHOWING = {"Tj", "TJ", "'", '"'}
_HEX = re.compile(rb"<([0-9a-fA-F]+)>")


def texts_by_mcid(page: pikepdf.Page) -> dict[int, str]:
    """The text drawn inside each marked-content sequence with an MCID on `page` (fonts with a ToUnicode map)."""
    maps: dict[tuple[int, int], dict[bytes, str]] = {}
    fonts = page.obj.get("/Resources", {}).get("/Font", {})
    texts: dict[int, list[str]] = {}
    open_ids: list[int | None] = []
    to_unicode: dict[bytes, str] = {}
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op in ("BDC", "BMC"):
            properties = operands[1] if op == "BDC" and len(operands) > 1 else None
            mcid = properties.get("/MCID") if isinstance(properties, pikepdf.Dictionary) else None
            open_ids.append(int(mcid) if mcid is not None else None)
        elif op == "EMC" and open_ids:
            open_ids.pop()
        elif op == "Tf":
            font = fonts.get(str(operands[0]))
            to_unicode = _unicode_map(font, maps) if font is not None else {}
        elif op in _TEXT_SHOWING:
            current = next((mcid for mcid in reversed(open_ids) if mcid is not None), None)
            if current is not None:
                texts.setdefault(current, []).append(_decode(operands[-1], to_unicode))
    return {mcid: "".join(parts) for mcid, parts in texts.items()}


def _decode(shown: pikepdf.Object, to_unicode: dict[bytes, str]) -> str:
    strings = [item for item in shown if isinstance(item, pikepdf.String)] if isinstance(shown, pikepdf.Array) else [shown]
    out = []
    for string in strings:
        raw = bytes(string)
        for index in range(0, len(raw) - 1, 2):  # WeasyPrint writes Identity-H: two bytes a glyph
            out.append(to_unicode.get(raw[index:index + 2], ""))
    return "".join(out)


def _unicode_map(font: pikepdf.Object, cache: dict[tuple[int, int], dict[bytes, str]]) -> dict[bytes, str]:
    key = font.objgen
    if key not in cache:
        cache[key] = parse_to_unicode(font["/ToUnicode"].read_bytes()) if "/ToUnicode" in font else {}
    return cache[key]


def parse_to_unicode(cmap: bytes) -> dict[bytes, str]:
    """The bfchar and bfrange entries of a ToUnicode CMap, as WeasyPrint writes them."""
    mapping: dict[bytes, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        codes = _HEX.findall(block)
        for code, text in zip(codes[::2], codes[1::2]):
            mapping[bytes.fromhex(code.decode())] = bytes.fromhex(text.decode()).decode("utf-16-be", "replace")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        for first, last, start in re.findall(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            low, high, base = int(first, 16), int(last, 16), int(start, 16)
            for offset in range(high - low + 1):
                mapping[(low + offset).to_bytes(len(first) // 2, "big")] = chr(base + offset)
    return mapping


def make_artifacts(pdf: pikepdf.Pdf, page: pikepdf.Page, kinds: dict[int, str]) -> None:
    """Turn the marked content with the MCIDs in `kinds` into artifacts of the kind given (Pagination, Layout)."""
    if not kinds:
        return
    operations = []
    for operands, operator in pikepdf.parse_content_stream(page):
        if str(operator) == "BDC" and len(operands) > 1 and isinstance(operands[1], pikepdf.Dictionary):
            mcid = operands[1].get("/MCID")
            if mcid is not None and int(mcid) in kinds:
                properties = pikepdf.Dictionary({"/Type": pikepdf.Name("/" + kinds[int(mcid)])})
                operands = [pikepdf.Name.Artifact, properties]
        operations.append(pikepdf.ContentStreamInstruction(operands, operator))
    page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(operations))
