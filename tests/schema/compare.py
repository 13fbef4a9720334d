#!/usr/bin/env python3
# compare.py DIR ENGINE_OUTPUT: dt-validate's findings (DIR/*.diags.json)
# against the engine's (schema-oracle's output: "board:node\tschema\tmessage"
# lines, newlines in messages as '|'), by board, node and message. A finding
# listing several properties ("'a', 'b' were unexpected") counts once per
# property, as the engine reports them; a oneOf/anyOf finding matches when
# the engine's message holds one of its branches' messages. Deprecated
# properties (a kind dt-validate has no finding for) are left out. Prints
# every difference and a summary; exits 1 when there is one.
import collections
import glob
import json
import os
import re
import sys

outdir, engine = sys.argv[1], sys.argv[2]
known = []
if len(sys.argv) > 3:
    for line in open(sys.argv[3], encoding='utf-8'):
        if line.strip() and not line.startswith('#'):
            board, node, start = line.rstrip('\n').split('\t')[:3]
            known.append([board, node, start, 1])
mine = collections.defaultdict(list)
for line in open(engine, encoding='utf-8'):
    where, _schema, msg = line.rstrip('\n').split('\t', 2)
    if not msg.endswith(' is deprecated'):
        mine[where].append(msg)


def expand(msg):
    for kind in ('Unevaluated', 'Additional'):
        m = re.match(r'^%s properties are not allowed \((.*) were unexpected\)$' % kind, msg)
        if m:
            return ['%s properties are not allowed (%s was unexpected)' % (kind, x)
                    for x in re.findall(r"'[^']*'", m.group(1))]
    m = re.match(r"^((?:'[^']*', )+'[^']*') do not match any of the regexes: (.*)$", msg)
    if m:
        return ['%s does not match any of the regexes: %s' % (x, m.group(2))
                for x in re.findall(r"'[^']*'", m.group(1))]
    return [msg]


theirs = matched = 0
diffs = []
for f in sorted(glob.glob(os.path.join(outdir, '*.diags.json'))):
    board = os.path.basename(f)[:-len('.diags.json')]
    for d in json.load(open(f)):
        if d['type'] != 'validation':
            continue
        for msg in expand(d['message']):
            alt = [msg] + [c['message'] for c in d.get('context') or []]
            theirs += 1
            ms = mine.get(board + ':' + d['node'], [])
            hit = [m for m in ms if any(a == m or a in m for a in alt)]
            if hit:
                matched += 1
                ms.remove(hit[0])
            else:
                k = [k for k in known if k[3] and k[0] == board and k[1] == d['node'] and
                     msg.startswith(k[2])]
                if k:
                    k[0][3] = 0	# explains one
                else:
                    diffs.append(f'only dt-validate: {board}: {d["node"]}: {msg[:200]}')
extra = [f'only dtidy: {w}: {m[:200]}' for w, ms in mine.items() for m in ms]
for line in diffs + extra:
    print(line)
print(f'dt-validate: {theirs} findings, {matched} also the engine\'s; '
      f'{len(extra)} the engine\'s alone')
sys.exit(1 if diffs or extra else 0)
