# schema_dtidy_rows.jq: dtidy's findings (check --format=json, one document
# per board, named after it with / as %) as the rows test_schema_parity.sh
# compares: board, node, property, rule, message, for the schema family and
# undocumented-compatible (dt-validate -m's unmatched compatibles), named as
# dt-validate names them: a node name's finding as the property
# "$nodename", a compatible as "compatible", a finding about a child node
# (one no schema allows, or one its parent's schema says false to) keyed
# in its parent under the child's name.
(input_filename | sub(".*/"; "") | sub("\\.json$"; "") | gsub("%"; "/")) as $b
	| .diagnostics[] | select((.rule | startswith("schema-")) or .rule == "undocumented-compatible")
	| (.node // "?") as $n | (.property // "") as $p
	| (if .rule == "undocumented-compatible" then [$n, "compatible"]
	   elif .rule == "schema-node-name" then [$n, "$nodename"]
	   elif $n != "/" and (($p == "" and .rule == "schema-unexpected") or $p == ($n | sub(".*/"; ""))) then
		[($n | sub("/[^/]*$"; "") | if . == "" then "/" else . end), ($n | sub(".*/"; ""))]
	   else [$n, $p] end) as $k
	| [$b, $k[0], $k[1], .rule, (.message | gsub("[\t\n]"; " "))] | @tsv
