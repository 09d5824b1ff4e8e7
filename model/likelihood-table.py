#!/usr/bin/env python3
"""The likelihood comparison table from the output folder of model/eval-likelihoods.sh: per model and
set, the model's code length (model_bpsp: -log2 of the frequencies the coder used, summed over the set's
images, per subpixel) and the actual files (bpsp: file bytes x 8 / subpixels), the valid total over all
sets, and the eval wall time. Usage: model/likelihood-table.py OUT_DIR [--csv]"""
import collections, glob, json, os, sys

out = sys.argv[1]
csv = '--csv' in sys.argv[2:]
common = '--common' in sys.argv[2:]


def images(path):
    for line in open(path):
        if line.startswith('{'):
            o = json.loads(line)
            if o['image'] != 'TOTAL':
                yield o


def key(path, o):   # set and file name: the same image whatever folder eval was given
    return os.path.basename(path).split('.', 1)[1] + '/' + o['image'].rstrip('/').split('/')[-1]


paths = sorted(glob.glob(os.path.join(out, '*.jsonl')))
seen = collections.defaultdict(set)
for path in paths:
    seen[os.path.basename(path).split('.', 1)[0]].update(key(path, o) for o in images(path))
keep = set.intersection(*seen.values()) if common and seen else None
rows = collections.OrderedDict()
for path in paths:
    tag, name = os.path.basename(path)[:-len('.jsonl')].split('.', 1)
    model_bits = file_bits = sub = count = 0
    png_stream = 0
    for o in images(path):
        if keep is not None and key(path, o) not in keep:
            continue
        count += 1
        sub += o['subpixels']
        model_bits += o['model_bits']
        file_bits += o['file_bytes'] * 8
        png_stream += o['model'] == 'png-stream'
    secs = float(open(path[:-len('.jsonl')] + '.seconds').read())
    rows[(tag, name)] = (count, sub, model_bits, file_bits, secs, png_stream)
tags = list(dict.fromkeys(t for t, _ in rows))
for tag in tags:   # the valid total: every set but the CIFAR hold-out
    v = [r for (t, n), r in rows.items() if t == tag and n != 'cifar10-holdout']
    if v:
        rows[(tag, 'valid-total')] = tuple(sum(r[i] for r in v) for i in range(6))
sets = sorted({n for _, n in rows}, key=lambda n: (n == 'cifar10-holdout', n == 'valid-total', n))
if csv:
    print('model,set,images,subpixels,model_bpsp,file_bpsp,eval_seconds,png_stream_images')
    for name in sets:
        for tag in tags:
            if (tag, name) in rows:
                im, sub, mb, fb, s, ps = rows[(tag, name)]
                print('%s,%s,%d,%d,%.5f,%.5f,%.1f,%d' % (tag, name, im, sub, mb / sub, fb / sub, s, ps))
    sys.exit(0)
print('| set | ' + ' | '.join('%s model / file bpsp' % t for t in tags) + ' |')
print('|---|' + '---|' * len(tags))
for name in sets:
    cells = []
    for tag in tags:
        r = rows.get((tag, name))
        cells.append('%.4f / %.4f' % (r[2] / r[1], r[3] / r[1]) if r else '')
    print('| %s | %s |' % (name, ' | '.join(cells)))
print('| eval seconds (all sets) | ' + ' | '.join(
    '%.0f' % sum(r[4] for (t, n), r in rows.items() if t == tag and n != 'valid-total') for tag in tags) + ' |')
