#!/usr/bin/env python3
# dtvalidate_decode.py PROCESSED_SCHEMA OUTDIR BOARD... : with dt-schema's own
# code (run it with the oracle's python, see engine-vs-dtvalidate.sh), builds
# each corpus board (cpp, dtc), decodes its DTB as dt-validate does and
# writes OUTDIR/NAME.tree.json (the decoded tree: sized integers other than
# 32-bit as {"$sized": v, "bits": n}, undecodable bytes as {"$bytes": hex})
# and OUTDIR/NAME.diags.json (dt-validate -m's diagnostics for it).
# A test oracle: nothing of dt-schema goes into dtidy.
import contextlib
import io
import json
import os
import subprocess
import sys

from dtschema import dtb_validate

processed, out, boards = sys.argv[1], sys.argv[2], sys.argv[3:]
corpus = os.environ.get('CORPUS', '../shared/corpus')
dtc = os.environ.get('DTC', 'dtc')
sg = dtb_validate.schema_group(processed, collect_diagnostics=True)


def conv(x):
    if isinstance(x, dict):
        return {k: conv(v) for k, v in x.items()}
    if isinstance(x, list):
        return [conv(v) for v in x]
    if isinstance(x, (bytes, bytearray)):
        return {'$bytes': x.hex()}
    if x is True:
        return True
    if isinstance(x, int):
        size = getattr(x, 'size', 32)
        return int(x) if size == 32 else {'$sized': int(x), 'bits': size}
    return x


for b in boards:
    name = os.path.basename(b).rsplit('.', 1)[0]
    src = os.path.join(corpus, b)
    d = os.path.dirname(src)
    pp = subprocess.run(['cpp', '-nostdinc', '-I', d, '-I', corpus + '/include',
                         '-I', corpus + '/src', '-undef', '-D__DTS__',
                         '-x', 'assembler-with-cpp', src], capture_output=True)
    dtb = os.path.join(out, name + '.dtb')
    if pp.returncode or subprocess.run([dtc, '-q', '-I', 'dts', '-O', 'dtb', '-b', '0', '-i', d,
                                        '-o', dtb, '-'], input=pp.stdout,
                                       capture_output=True).returncode:
        print(f'{name}: does not build, skipped', file=sys.stderr)
        continue
    with open(dtb, 'rb') as f:
        tree = sg.validator.decode_dtb(f.read())[0]
    with open(os.path.join(out, name + '.tree.json'), 'w') as f:
        json.dump(conv(tree), f)
    with contextlib.redirect_stderr(io.StringIO()):
        diags = sg.check_dtb(dtb)
    with open(os.path.join(out, name + '.diags.json'), 'w') as f:
        json.dump(diags, f, indent=1)
