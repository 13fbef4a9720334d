"""schema_oracle_norm.py PROCESSED-SCHEMA OUT.tsv JSON...

Turns dt-validate's --json-output diagnostics (JSON..., run in the folder
of the DTBs, each named after its board with / as %: "src%arm%x.dts.dtb")
into the rows the schema parity test compares, one finding a row:

    board<TAB>node<TAB>property<TAB>class<TAB>message

node is the full path of the node the finding is about and property the
property (or "$nodename") it names, "" when it is about the node as a whole
(a child node its parent's schema does not allow, say), as dtidy reports
them:
dt-validate names the node it validated and a path below it, which may go
through child nodes (a parent schema's patternProperties checking a child),
so the path is walked down the DTB's nodes first. Where the path does not
name the property (required, additionalProperties, ...), the message does.

class is what kind of finding it is: required, unexpected, value,
node-name, dependency, undocumented (a property no schema types: the DTB
bytes could not be decoded), unmatched (-m: no schema for the compatible),
decode (a typed property whose size does not fit its type), node (a
finding about the node as a whole, e.g. oneOf between required sets).

Runs in the oracle's Python (it needs libfdt and the processed schema, to
name the property of a "False schema" error, whose path jsonschema drops).
Test tooling only: nothing here goes into dtidy.
"""
import json
import re
import sys

import libfdt

QUOTED = re.compile(r"'((?:[^'\\]|\\.)*)'")


def fdt_nodes(blob):
    """Every node path of the DTB, with its property names and sizes."""
    fdt = libfdt.Fdt(blob)
    nodes = {}

    def walk(off, path):
        props = {}
        poff = fdt.first_property_offset(off, libfdt.QUIET_NOTFOUND)
        while poff >= 0:
            p = fdt.get_property_by_offset(poff)
            props[p.name] = len(p)
            poff = fdt.next_property_offset(poff, libfdt.QUIET_NOTFOUND)
        nodes[path] = props
        child = fdt.first_subnode(off, libfdt.QUIET_NOTFOUND)
        while child >= 0:
            name = fdt.get_name(child)
            walk(child, (path.rstrip('/') + '/' + name) if path != '/' else '/' + name)
            child = fdt.next_subnode(child, libfdt.QUIET_NOTFOUND)

    walk(0, '/')
    return nodes


def schema_at(schemas, sid, path):
    s = schemas.get(sid)
    for p in path:
        if isinstance(s, dict):
            s = s.get(p)
        elif isinstance(s, list) and isinstance(p, int) and p < len(s):
            s = s[p]
        else:
            return None
    return s


def child(node, name):
    return '/' + name if node == '/' else node + '/' + name


def subject(nodes, node, name):
    """(node, property) of a finding that names a member of node: a child
    node is the finding's node, as a whole (property "")."""
    c = child(node, name)
    return (c, '') if c in nodes else (node, name)


def names_in(message, stop):
    """The quoted names before `stop` in a message."""
    head = message.split(stop, 1)[0]
    return QUOTED.findall(head)


def classify(d, nodes, schemas):
    """Yields (node, property, class) for one dt-validate diagnostic."""
    kind = d.get('type')
    msg = d.get('message', '')
    if kind == 'unmatched':
        yield d['node'], 'compatible', 'unmatched'
        return
    if kind == 'decode':
        # "NAME: size (N) error for type T": the node is not named; find it
        m = re.match(r'(.*): size \((\d+)\) error for type (\S+)', msg)
        if not m:
            yield '?', msg, 'decode'
            return
        name, size = m.group(1), int(m.group(2))
        for path, props in nodes.items():
            if props.get(name) == size:
                yield path, name, 'decode'
        return
    if kind != 'validation':
        yield d.get('node', '?'), '', kind or '?'
        return
    node = d['node']
    path = list(d.get('property_path') or [])
    # walk down through child nodes
    while path and isinstance(path[0], str) and child(node, path[0]) in nodes:
        node = child(node, path.pop(0))
    last = d['schema_path'][-1] if d.get('schema_path') else ''
    if path and isinstance(path[0], str):
        prop = path[0]
        if prop == '$nodename':
            yield node, '$nodename', 'node-name'
        elif re.search(r"is not of type 'object', 'integer', 'array', 'boolean', 'null'", msg):
            yield node, prop, 'undocumented'
        elif last == 'required':
            # required inside a property's schema: a child node's property
            for n in QUOTED.findall(msg)[:1]:
                yield node, n, 'required'
        else:
            yield node, prop, 'value'
        return
    if last == 'required':
        for n in QUOTED.findall(msg)[:1]:
            yield node, n, 'required'
    elif last in ('additionalProperties', 'unevaluatedProperties'):
        if 'were unexpected' in msg or 'was unexpected' in msg:
            inner = msg[msg.find('(') + 1:]
            names = names_in(inner, ' was unexpected' if 'was unexpected' in msg else ' were unexpected')
        else:
            names = names_in(msg, ' do not match' if ' do not match' in msg else ' does not match')
        for n in names:
            yield (*subject(nodes, node, n), 'unexpected')
    elif last in ('dependentRequired', 'dependencies', 'dependentSchemas'):
        # "'clocks' is a dependency of 'clock-ranges'": the property there
        q = QUOTED.findall(msg)
        yield node, q[-1] if q else '', 'dependency'
    elif msg.startswith('False schema does not allow') and last == 'properties':
        # jsonschema drops the property name of a false schema: every
        # property of the node the schema's `properties` forbid
        spath = list(d['schema_path'])
        top = schemas.get(d.get('schema')) or {}
        if spath[:1] == ['then'] and 'select' in top:
            spath = spath[1:]  # an always-applied schema runs as {if: select, then: schema}
        props = schema_at(schemas, d.get('schema'), spath)
        here = set(nodes.get(node, {})) | {n.rsplit('/', 1)[1] for n in nodes
                                           if n.rsplit('/', 1)[0] == node.rstrip('/') and n != '/'}
        hits = [k for k, v in (props or {}).items() if v is False and k in here]
        for k in hits or ['?']:
            yield (*subject(nodes, node, k), 'unexpected')
    elif last in ('oneOf', 'anyOf'):
        ctx = [c.get('message', '') for c in d.get('context') or []]
        req = [QUOTED.findall(c)[0] for c in ctx if c.endswith('is a required property')]
        if ctx and len(req) == len(ctx):
            yield node, req[0], 'required'
        else:
            yield node, '', 'node'
    else:
        yield node, '', 'node'


def board_of(dtb):
    name = dtb.rsplit('/', 1)[-1]
    return name[:-len('.dtb')].replace('%', '/') if name.endswith('.dtb') else name


def main():
    schema_file, out = sys.argv[1:3]
    diags = []
    for js in sys.argv[3:]:
        with open(js) as f:
            diags += json.load(f)
    schemas = {}
    if any(d.get('message', '').startswith('False schema') for d in diags):
        with open(schema_file) as f:
            schemas = json.load(f)
    trees = {}
    rows = []
    for d in diags:
        dtb = d['file']
        if dtb not in trees:
            with open(dtb, 'rb') as f:
                trees[dtb] = fdt_nodes(f.read())
        for node, prop, cls in classify(d, trees[dtb], schemas):
            m = d.get('message', '').replace('\t', ' ').replace('\n', ' ')
            rows.append('\t'.join([board_of(dtb), node, prop, cls, m[:200]]))
    with open(out, 'w') as f:
        for r in rows:
            f.write(r + '\n')


if __name__ == '__main__':
    main()
