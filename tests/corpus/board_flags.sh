# Sourced, not run: how the corpus README compiles one board.
# board_flags REL ROOT [IPREFIX] sets
#   inc    cpp's -I options (relative to ROOT, where cpp runs)
#   dinc   dtc's -i options, each path prefixed with IPREFIX
#   flags  dtc's other options (-@ for an overlay)
# for the board REL (a path under ROOT): Linux boards (src/<arch>/...) see
# their arch directory, src/ and include/; the other trees their own
# directory and the tree's include/ when it has one.
board_flags() {
	_rel=$1 _root=$2 _p=${3:-}
	_d=$(dirname "$_rel")
	case $_rel in
	src/*|beagleboard/src/*)
		_base=${_rel%%src/*}
		_arch=$(echo "${_rel#"${_base}"src/}" | cut -d/ -f1)
		inc="-I $_d -I ${_base}src/$_arch -I ${_base}src -I ${_base}include"
		dinc="-i $_p$_d -i $_p${_base}src/$_arch" ;;
	*)
		_top=${_rel%%/*}
		inc="-I $_d"
		[ -d "$_root/$_top/include" ] && inc="$inc -I $_top/include"
		dinc="-i $_p$_d" ;;
	esac
	flags="-b 0"
	case $_rel in *.dtso) flags="$flags -@" ;; esac
}
