#!/usr/bin/env bash
# The mutation run of the process rules (not part of make test): every
# comparison in internal/results, internal/deadline, internal/quota, the
# transition table and the guards is changed one at a time (see
# internal/mutate) and the tests of that file's concern are run.
#
#	.ci/mutate.sh [file.go…]     # all of the files below when none is given
#
# A file's tests are those of its package for internal/…; for hooks/ they
# are the Test and Fuzz functions of the test files named after it
# (hooks/guard_sign_in.go: hooks/guard_sign_in*_test.go; a file without
# one takes its concern's, hooks/guard_realtime_dispatch.go those of
# hooks/guard_realtime_*_test.go), so that a mutant costs a run of those
# tests only (each package is built once, every mutant in, see
# internal/mutate). A mutant those tests leave alive is tried against the
# authorization matrix and the endorsement deadline's tests (guard_tests).
# Prints each mutant (killed or SURVIVED) and a count per package; the
# exit status is 1 when a mutant survived. Runs under nice: the machine is
# shared.
set -uo pipefail
cd "$(dirname "$0")/.."
export GOTOOLCHAIN=${GOTOOLCHAIN:-go1.27.3}

files=("$@")
if [ ${#files[@]} -eq 0 ]; then
	files=(internal/results/*.go internal/deadline/*.go internal/quota/*.go
		hooks/initiative_transitions.go hooks/guard_*.go)
fi

bin=$(mktemp -d)/mutate
trap 'rm -rf "$(dirname "$bin")"' EXIT
go build -o "$bin" ./internal/mutate || exit 2

# tests_of prints the -run pattern for a hooks file: its own test files'
# Test and Fuzz functions, less the ones that measure the process's memory
# (they must run alone).
tests_of() {
	local base=${1%.go}
	local names=
	while [ -z "$names" ] && [[ $base == */*_* ]]; do
		names=$(grep -ho '^func \(Test\|Fuzz\)[A-Za-z0-9_]*' "$base"_test.go "$base"_*_test.go 2>/dev/null |
			sed 's/^func //' | grep -v -e KeepsMemory | sort -u | paste -sd'|')
		base=${base%_*}
	done
	[ -n "$names" ] && echo "^($names)\$"
}

# guard_tests is the -wide pattern for hooks: the authorization matrix,
# which calls every route and collection as every role, and the endorsement
# deadline's tests (a wider set, every guard's tests, took two minutes a
# survivor on the loaded machine).
guard_tests() {
	grep -ho '^func Test[A-Za-z0-9_]*' hooks/guard_authz_*_test.go hooks/initiative_endorse_deadline_test.go |
		sed 's/^func //' | sort -u | paste -sd'|' | sed 's/.*/^(&)$/'
}

# one run of the tool per package: its files built once, all mutants in.
status=0
declare -A pkgs
order=()
for f in "${files[@]}"; do
	case $f in *_test.go) continue ;; esac
	[ -n "$("$bin" -list "$f")" ] || continue
	dir=$(dirname "$f")
	arg=$f
	if [[ $f == hooks/* ]]; then
		run=$(tests_of "$f")
		if [ -z "$run" ]; then
			echo "$f: no test file of its own; skipped" >&2
			continue
		fi
		arg="$f=$run"
	fi
	[ -n "${pkgs[$dir]+x}" ] || order+=("$dir")
	pkgs[$dir]+="$arg"$'\n'
done
for dir in "${order[@]}"; do
	mapfile -t args < <(printf '%s' "${pkgs[$dir]}")
	wide=()
	[ "$dir" = hooks ] && wide=(-wide "$(guard_tests)" -skip KeepsMemory)
	echo "== $dir"
	nice -n 10 "$bin" "${wide[@]}" "${args[@]}" || status=1
done
exit $status
