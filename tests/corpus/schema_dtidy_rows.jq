# schema_dtidy_rows.jq: dtidy's findings (check --format=json, one document
# per board, named after it with / as %) as the rows test_schema_parity.sh
# compares: board, node, property, rule, message, for the schema family and
# undocumented-compatible (dt-validate -m's unmatched compatibles), named as
# dt-validate names them: a node name's finding as the property
# "$nodename", a compatible as "compatible". A finding about a node as a
# whole (one its parent's schema does not allow, say) has property "".
(input_filename | sub(".*/"; "") | sub("\\.json$"; "") | gsub("%"; "/")) as $b
	| .diagnostics[] | select((.rule | startswith("schema-")) or .rule == "undocumented-compatible")
	| (.node // "?") as $n | (.property // "") as $p
	| (if .rule == "undocumented-compatible" then [$n, "compatible"]
	   elif .rule == "schema-node-name" then [$n, "$nodename"]
	   else [$n, $p] end) as $k
	| [$b, $k[0], $k[1], .rule, (.message | gsub("[\t\n]"; " "))] | @tsv
