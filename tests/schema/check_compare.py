#!/usr/bin/env python3
# check_compare.py DIR: matches dt-validate -m's findings (DIR/*.dv.json,
# its --json-output) with dtidy check's (DIR/*.dt.json, --format=json) by
# board, node and property, as the issue measures them; see
# check-vs-dtvalidate.sh. Prints each difference, then recall and extras
# for the validation findings and for the unmatched compatibles; exits 1
# below 90% recall or above 10% extras.
import glob
import json
import os
import re
import sys


def names_in(msg):
    """The properties or child nodes a message is about, or [None]."""
    m = re.match(r"^'([^']*)' is a required property", msg)
    if m:
        return [m.group(1)]
    m = re.search(r"\((.*) (?:was|were) unexpected\)", msg)
    if m:
        return re.findall(r"'([^']*)'", m.group(1))
    m = re.match(r"^((?:'[^']*'(?:, )?)+) (?:does|do) not match any of the regexes", msg)
    if m:
        return re.findall(r"'([^']*)'", m.group(1))
    m = re.match(r"^'([^']*)' is a dependency of '([^']*)'", msg)
    if m:
        return [m.group(2)]
    return [None]


def conditional(msg):
    return msg.startswith("'oneOf'") or msg.startswith("'anyOf'")


def parent(node):
    return node.rstrip('/').rpartition('/')[0] or '/'


def key(node, prop):
    """A node finding is its parent's about that child: both tools say it
    either way (dt-validate through the parent's schema)."""
    if node == 'F':
        return (node, prop)
    if prop is None and node and node != '/':
        return (parent(node), node.rstrip('/').rpartition('/')[2])
    return (node, prop)


def dtvalidate(path):
    found, unmatched = set(), set()
    for e in json.load(open(path)):
        node = e.get('node')
        if e.get('type') == 'unmatched':
            unmatched.add(node)
            continue
        if e.get('type') != 'validation':
            continue
        msg = e['message']
        strs = [x for x in e.get('property_path') or [] if isinstance(x, str)]
        about_object = names_in(msg) != [None] or conditional(msg)
        kids = strs if about_object else strs[:-1]
        if kids and kids[-1] == '$nodename':
            kids = kids[:-1]
        prop = None if about_object or not strs or strs[-1] == '$nodename' else strs[-1]
        for k in kids:
            node = node.rstrip('/') + '/' + k
        if 'False schema does not allow' in msg:
            # python-jsonschema gives a false schema's failure no path
            found.add(key('F', node))
        elif conditional(msg):
            found.add(key(node, None))
        else:
            for n in names_in(msg):
                found.add(key(node, n or prop))
    return found, unmatched


def dtidy(path):
    found, unmatched = set(), set()
    for e in json.load(open(path))['diagnostics']:
        rule, msg = e.get('rule', ''), e['message']
        node, prop = e.get('node'), e.get('property')
        if rule == 'undocumented-compatible':
            unmatched.add(node)
            continue
        if not rule.startswith('schema-') or rule == 'schema-load':
            continue
        if 'False schema does not allow' in msg:
            found.add(key('F', node if prop else parent(node)))
            continue
        if conditional(msg):
            found.add(key(node, None))
            continue
        if rule == 'schema-node-name':
            prop = None
        for n in names_in(msg):
            if prop is None and n and node and node.rstrip('/').rpartition('/')[2] == n:
                found.add(key(parent(node), n))
            else:
                found.add(key(node, n or prop))
    return found, unmatched


def main():
    d = sys.argv[1]
    tot = {'v': [0, 0, 0], 'u': [0, 0, 0]}
    boards = 0
    for src in sorted(glob.glob(os.path.join(d, '*.src'))):
        base = src[:-4]
        if not os.path.exists(base + '.dv.json') or not os.path.exists(base + '.dt.json'):
            continue
        boards += 1
        name = open(src).read().strip()
        dv, dvu = dtvalidate(base + '.dv.json')
        dt, dtu = dtidy(base + '.dt.json')
        for kind, a, b in (('v', dv, dt), ('u', dvu, dtu)):
            t = tot[kind]
            t[0] += len(a)
            t[1] += len(b)
            t[2] += len(a & b)
            for x in sorted(a - b, key=str):
                print('missed', name, x)
            for x in sorted(b - a, key=str):
                print('extra ', name, x)
    ok = True
    for kind, what in (('v', 'schema findings'), ('u', 'unmatched compatibles')):
        dv, dt, both = tot[kind]
        recall = 100.0 * both / dv if dv else 100.0
        extras = 100.0 * (dt - both) / dt if dt else 0.0
        print('%d boards, %s: dt-validate -m %d, dtidy %d, both %d: recall %.1f%%, extras %.1f%%'
              % (boards, what, dv, dt, both, recall, extras))
        ok = ok and recall >= 90.0 and extras <= 10.0
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
