# dtidy check --format=json -> GitLab Code Quality (a JSON array of issues).
# GitLab merges issues with equal fingerprints: rule, place and message
# make one unique.
def severity: {"error": "major", "warning": "minor"}[.] // "info";
[.diagnostics[] | {
	description: "\(.message) [\(.rule)]",
	check_name: .rule,
	fingerprint: ("\(.rule)|\(.file)|\(.line)|\(.column)|\(.message)" | @base64),
	severity: (.severity | severity),
	location: {path: (.file | ltrimstr("./")), lines: {begin: (if .line > 0 then .line else 1 end)}}
}]
