"""schema_parity.py ORACLE.tsv DTIDY.tsv DEVIATIONS.txt

Compares dt-validate's findings (schema_oracle_norm.py's rows: board, node,
property, class, message) with dtidy's (board, node, property, rule,
message), both reduced to the key (board, node, property, group): group is
"unmatched" for a compatible no schema matches (dt-validate -m, dtidy's
undocumented-compatible) and "schema" for every other finding, so the two
kinds never stand for each other.

Every key one side has and the other does not is a difference. Each must
match a line of DEVIATIONS (kind, class, node glob, property glob, reason;
see the file); one that matches none is printed as UNEXPLAINED, and a line
that explains nothing any more as STALE. Prints each difference, the
explained ones grouped by their line, then recall (the share of
dt-validate's keys dtidy also has) and extras (the share of dtidy's keys
dt-validate does not have), overall and by class.

EXTRA_BOARDS (a schema-extra-boards.tsv) prints those boards' figures
apart.

Exit status: 0 when everything is explained and recall >= MIN_RECALL and
extras <= MAX_EXTRAS (environment, percent; 90 and 10 by default), else 1.
"""
import fnmatch
import os
import sys
from collections import defaultdict

# dtidy's rule -> the class name the deviations table uses for it
RULE_CLASS = {
    'schema-required': 'required',
    'schema-unexpected': 'unexpected',
    'schema-value': 'value',
    'schema-node-name': 'node-name',
    'schema-dependency': 'dependency',
    'schema-undocumented-property': 'undocumented',
    'schema-deprecated': 'deprecated',
    'undocumented-compatible': 'unmatched',
}


def group_of(cls):
    return 'unmatched' if cls == 'unmatched' else 'schema'


def read_rows(path):
    rows = []
    with open(path, encoding='utf-8', errors='replace') as f:
        for line in f:
            parts = line.rstrip('\n').split('\t')
            if len(parts) < 5:
                parts += [''] * (5 - len(parts))
            rows.append(parts[:5])
    return rows


def read_deviations(path):
    devs = []
    with open(path, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            if not line.strip() or line.startswith('#'):
                continue
            parts = line.rstrip('\n').split('\t')
            if len(parts) != 5 or parts[0] not in ('oracle-only', 'dtidy-only') or not parts[4].strip():
                sys.exit(f"{path}:{n}: want kind<TAB>class<TAB>node glob<TAB>property glob<TAB>reason")
            devs.append({'line': n, 'kind': parts[0], 'class': parts[1], 'node': parts[2],
                         'prop': parts[3], 'reason': parts[4], 'used': 0})
    return devs


def explain(devs, kind, classes, node, prop):
    for d in devs:
        if d['kind'] != kind:
            continue
        if d['class'] != '*' and d['class'] not in classes:
            continue
        if fnmatch.fnmatchcase(node, d['node']) and fnmatch.fnmatchcase(prop, d['prop']):
            d['used'] += 1
            return d
    return None


def main():
    oracle_rows = read_rows(sys.argv[1])
    dtidy_rows = read_rows(sys.argv[2])
    devs = read_deviations(sys.argv[3])
    min_recall = float(os.environ.get('MIN_RECALL', '90'))
    max_extras = float(os.environ.get('MAX_EXTRAS', '10'))

    # key -> (classes, first message)
    oracle = {}
    for board, node, prop, cls, msg in oracle_rows:
        k = (board, node, prop, group_of(cls))
        e = oracle.setdefault(k, [set(), msg])
        e[0].add(cls)
    dtidy = {}
    for board, node, prop, rule, msg in dtidy_rows:
        cls = RULE_CLASS.get(rule, rule)
        k = (board, node, prop, group_of(cls))
        e = dtidy.setdefault(k, [set(), msg])
        e[0].add(cls)

    unexplained = []
    explained = defaultdict(list)
    for side, mine, other, kind in (('dt-validate', oracle, dtidy, 'oracle-only'),
                                    ('dtidy', dtidy, oracle, 'dtidy-only')):
        for k in sorted(mine):
            if k in other:
                continue
            classes, msg = mine[k]
            d = explain(devs, kind, classes, k[1], k[2])
            row = f"{kind.upper()}: {k[0]}: {k[1]}: {k[2] or '(node)'} [{','.join(sorted(classes))}] {msg[:160]}"
            if d is None:
                unexplained.append(row)
            else:
                explained[d['line']].append(row)

    fail = False
    for d in devs:
        rows = explained.get(d['line'], [])
        if rows:
            print(f"explained ({len(rows)}): {d['kind']} {d['class']} {d['node']} {d['prop']}: {d['reason']}")
            for r in rows:
                print('    ' + r)
    for r in unexplained:
        print('UNEXPLAINED ' + r)
    if unexplained:
        fail = True
    for d in devs:
        if not d['used']:
            print(f"STALE: schema-deviations.txt:{d['line']} ({d['kind']} {d['class']} {d['node']} "
                  f"{d['prop']}) explains no difference any more")
            fail = True

    def pct(a, b):
        return 100.0 * a / b if b else 100.0

    both = [k for k in oracle if k in dtidy]
    extras = [k for k in dtidy if k not in oracle]
    recall = pct(len(both), len(oracle))
    extra = pct(len(extras), len(dtidy)) if dtidy else 0.0
    print(f"dt-validate: {len(oracle)} findings (board, node, property); dtidy: {len(dtidy)}; both: {len(both)}")
    by = defaultdict(lambda: [0, 0])
    for k, (classes, _) in oracle.items():
        for c in classes:
            by[c][0] += 1
            by[c][1] += k in dtidy
    print('recall by dt-validate class: ' + ', '.join(
        f"{c} {b}/{a}" for c, (a, b) in sorted(by.items())))
    ex = defaultdict(lambda: [0, 0])
    for k, (classes, _) in dtidy.items():
        for c in classes:
            ex[c][0] += 1
            ex[c][1] += k not in oracle
    print('extras by dtidy class: ' + ', '.join(
        f"{c} {b}/{a}" for c, (a, b) in sorted(ex.items())))
    print(f"recall {recall:.1f}% (target >= {min_recall:g}%), extras {extra:.1f}% (target <= {max_extras:g}%)")
    # the boards from outside the kernel tree, apart (EXTRA_BOARDS: their list)
    if os.environ.get('EXTRA_BOARDS'):
        with open(os.environ['EXTRA_BOARDS']) as f:
            outside = {l.split('\t')[0] for l in f if l.strip() and not l.startswith('#')}
        o = [k for k in oracle if k[0] in outside]
        d = [k for k in dtidy if k[0] in outside]
        print(f"of which {len(outside)} boards outside the kernel tree: recall "
              f"{pct(len([k for k in o if k in dtidy]), len(o)):.1f}% of {len(o)}, extras "
              f"{pct(len([k for k in d if k not in oracle]), len(d)) if d else 0.0:.1f}% of {len(d)}")
    if recall < min_recall or extra > max_extras:
        print("FAIL: recall or extras misses its target")
        fail = True
    return 1 if fail else 0


if __name__ == '__main__':
    sys.exit(main())
