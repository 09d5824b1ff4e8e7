#!/usr/bin/env python3
"""Per-set totals (total bits / total subpixels) from `lcompress eval --json` output, next to the
reference sizes of ../shared/data/valid/REFERENCE.md. Usage: lcompress eval --json DIR | docs/sets.py"""
import json, sys, collections
REF = {  # set: (png, webp, jxl7, jxl9) from valid/REFERENCE.md
    'imagecompression.info-rgb8bit': (2.294, 1.898, 1.629, 1.545), 'set14': (4.618, 2.972, 2.795, 2.713),
    'set5': (4.003, 2.603, 2.380, 2.342), 'skimage': (5.385, 3.517, 3.401, 3.357),
    'usc-sipi-misc-color': (4.779, 4.275, 4.270, 4.134), 'waterloo-color': (4.769, 3.624, 3.332, 3.295),
    'all': (3.992, 2.966, 2.783, 2.703)}
bits = collections.defaultdict(float); sub = collections.defaultdict(int)
for line in sys.stdin:
    if not line.startswith('{'):
        continue
    o = json.loads(line)
    if o['image'] == 'TOTAL':
        continue
    s = o['image'].rstrip('/').split('/')[-2]
    for k in (s, 'all'):
        bits[k] += o['file_bytes'] * 8; sub[k] += o['subpixels']
print('| set | subpixels | lcompress | png | webp | jxl e7 | jxl e9 | vs jxl e9 |')
print('|---|---|---|---|---|---|---|---|')
for k in sorted(bits, key=lambda k: (k == 'all', k)):
    v = bits[k] / sub[k]; r = REF.get(k)
    ref = ' | '.join('%.3f' % x for x in r) if r else ' | | | '
    rel = '%+.1f %%' % (100 * (v / r[3] - 1)) if r else ''
    print('| %s | %d | **%.3f** | %s | %s |' % (k, sub[k], v, ref, rel))
