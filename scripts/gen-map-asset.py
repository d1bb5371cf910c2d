#!/usr/bin/env python3
"""Write assets/map/countries-50m.bin, the compact form of assets/map/countries-50m.json that
migprof decodes at run time (src/render/map.rs): the same TopoJSON content, as varints.

    python3 scripts/gen-map-asset.py      # from the repository root; stdlib only

Layout (every integer an unsigned LEB128 varint; "z" = zigzag-encoded signed):
  b"MIGPROF-MAP1\n"
  len, the JSON text of the transform ({"scale":[..],"translate":[..]}), verbatim from the file
  arcs:  count, then per arc: points, then per point z(dx) z(dy) (TopoJSON's delta encoding)
  countries (objects.countries.geometries, in file order): count, then per geometry:
         code + 1 (0: no usable ISO numeric id), polygons, then per polygon: rings, then per
         ring: arc indexes, then per index z(i) (negative: arc !i reversed)
A Polygon is written as a MultiPolygon of one. The test `compact_boundaries_match_the_topojson`
checks that the committed file decodes to exactly what the JSON decodes to.
"""
import json
import pathlib
import re

root = pathlib.Path(__file__).resolve().parent.parent
src = root / "assets/map/countries-50m.json"
dst = root / "assets/map/countries-50m.bin"
text = src.read_text(encoding="utf-8")
topo = json.loads(text)

out = bytearray(b"MIGPROF-MAP1\n")


def uv(n):
    assert n >= 0
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return


def zz(n):
    uv(n * 2 if n >= 0 else -n * 2 - 1)


# The transform exactly as written (its numbers are parsed by the same JSON parser as before).
m = re.search(r'"transform"\s*:\s*(\{[^{}]*\})', text)
assert m, "no transform object"
transform = m.group(1).encode("utf-8")
assert json.loads(transform) == topo["transform"]
uv(len(transform))
out += transform

uv(len(topo["arcs"]))
for arc in topo["arcs"]:
    uv(len(arc))
    for dx, dy in arc:
        zz(dx)
        zz(dy)


def code(g):
    # As Rust's `str::parse::<u16>`: optional '+', ASCII digits, at most 65535.
    s = g.get("id")
    if isinstance(s, str) and re.fullmatch(r"\+?[0-9]+", s) and int(s) <= 0xFFFF:
        return int(s) + 1
    return 0


geoms = topo["objects"]["countries"]["geometries"]
uv(len(geoms))
for g in geoms:
    polys = {"Polygon": [g["arcs"]], "MultiPolygon": g["arcs"]}[g["type"]]
    uv(code(g))
    uv(len(polys))
    for rings in polys:
        uv(len(rings))
        for ring in rings:
            uv(len(ring))
            for i in ring:
                zz(i)

dst.write_bytes(bytes(out))
print(f"wrote {dst.relative_to(root)}: {len(out)} bytes from {len(text.encode())} bytes")
