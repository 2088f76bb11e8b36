#!/bin/sh
# check-layers.sh - holds every source file to the rules of its folder.
#
#   core/            the infrastructure: includes only core/
#   core/MODULE/     a domain module: core/, itself, and the domain modules
#                    it names below; never tui/ or screens/
#   seed/            the demo and scale generator (hrmis-admin only):
#                    core/, the domain modules, seed/
#   tui/             the only code that includes curses: core/ and tui/
#   screens/shell/   the app loop, frame and shared screens: core/, tui/,
#                    the shell, and each module's public header
#   screens/MODULE/  a module's screens: core/, tui/, the shell's public
#                    headers (not app_internal.h), their own folder, their
#                    own domain module (and those it names below), and other
#                    modules' public headers (*_screens.h) only
#
# A quoted include is found in the folders in order; one found nowhere is
# an error too (a header the build would not find either).  Prints every
# offence and exits 1 if there is one.
set -eu

# The domain module behind each screen module, and the other domain
# modules each may use.
domain_of() {
	case $1 in
	personnel) echo person ;;
	orders) echo order ;;
	structure) echo structure ;;
	*) echo "" ;;
	esac
}
domain_deps() {
	case $1 in
	*) echo "" ;;
	esac
}
uses_for_screens() {
	# orders' screens search people by name (person_like_escape)
	case $1 in
	orders) echo "order person" ;;
	*) domain_of "$1" ;;
	esac
}

folders="core core/person core/order core/structure seed tui screens/shell screens/personnel screens/orders screens/structure keymaps"
bad=0

# Prints the folder holding header $1, or "" (generated into the build).
where() {
	for d in $folders; do
		if [ -f "$d/$1" ]; then
			echo "$d"
			return
		fi
	done
	echo ""
}

offence() {
	echo "check-layers: $1"
	bad=1
}

# check FILE ALLOWED...: every quoted include of FILE is in an ALLOWED folder
# (a folder, or "public" for another module's *_screens.h).
check() {
	file=$1
	shift
	allowed=" $* "
	for inc in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$file"); do
		case $inc in
		*.def) continue ;; # X-macro tables live beside their header
		migrations_data.c | keymaps_data.c) continue ;;
		esac
		dir=$(where "$inc")
		if [ -z "$dir" ]; then
			offence "$file includes \"$inc\", found in no folder"
			continue
		fi
		if [ "$inc" = app_internal.h ] && [ "$dir" = screens/shell ]; then
			case $file in
			screens/shell/*) continue ;;
			esac
			offence "$file includes app_internal.h (the shell's own state)"
			continue
		fi
		case $allowed in
		*" $dir "*) continue ;;
		esac
		case "$dir $inc" in
		screens/*" "*_screens.h)
			case $allowed in *" public "*) continue ;; esac
			;;
		esac
		offence "$file includes \"$inc\" of $dir/"
	done
	if grep -qE '#[[:space:]]*include[[:space:]]*[<"](n?curses|ncursesw/|term\.h)' "$file"; then
		case $file in
		tui/*) ;;
		*) offence "$file includes curses (only tui/ may)" ;;
		esac
	fi
}

for f in core/*.c core/*.h; do
	check "$f" core
done
for m in person order structure; do
	deps=""
	for d in $(domain_deps $m); do deps="$deps core/$d"; done
	for f in core/$m/*.c core/$m/*.h; do
		check "$f" core "core/$m" $deps
	done
done
for f in seed/*.c seed/*.h; do
	check "$f" core core/person core/order core/structure seed
done
for f in tui/*.c tui/*.h; do
	check "$f" core tui
done
for f in screens/shell/*.c screens/shell/*.h; do
	check "$f" core tui screens/shell public
done
for s in personnel orders structure; do
	uses=""
	for d in $(uses_for_screens $s); do
		uses="$uses core/$d"
		for dd in $(domain_deps "$d"); do uses="$uses core/$dd"; done
	done
	for f in screens/$s/*.c screens/$s/*.h; do
		[ -f "$f" ] || continue
		# the shell's public headers: every shell header but app_internal.h
		check "$f" core tui screens/shell "screens/$s" $uses public
	done
done
check main.c core tui screens/shell
check admin.c core seed

# Every screen module folder is listed above (a new one must be added).
for d in screens/*/; do
	d=${d%/}
	case " $folders " in *" $d "*) ;; *) offence "$d/ is not a known folder (add it here and to the Makefile)" ;; esac
done
for d in core/*/; do
	d=${d%/}
	case " $folders " in *" $d "*) ;; *) offence "$d/ is not a known folder (add it here and to the Makefile)" ;; esac
done

[ $bad -eq 0 ] || exit 1
echo "check-layers: core/ and its modules are free of the terminal; each screen module uses its own domain module"
