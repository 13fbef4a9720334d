#!/bin/sh
# Each build's layout, as a small tree written here: `dtidy check -v` names
# the profile, the include path and the defines it chose, and every
# #include of the board resolves the way that build resolves it (the
# same tree read with the kernel's or no profile does not: the test can
# fail). Layouts: a kernel tree, the split layout (BeagleBoard), U-Boot
# (with its asm/arch-* C headers and CONFIG_ values), Zephyr (a board and
# an application), ZMK in a west workspace, TF-A.
# Needs DTIDY in the environment (tests/run-all.sh).
set -u
TEST_NAME=profiles
. "$(dirname "$0")/../testlib.sh"
cd "$T" || exit 1
unset ZEPHYR_BASE

# w FILE: writes stdin to FILE, making its directory
w() {
	mkdir -p "$(dirname "$1")" && cat >"$1"
}

# run ARGS...: dtidy with stdout to out, stderr to err, status in rc
run() {
	"$DTIDY" "$@" >out 2>err
	rc=$?
}

# has NAME FILE PATTERN: grep -E PATTERN in FILE
has() {
	if grep -Eq -e "$3" "$2"; then
		ok "$1"
	else
		not_ok "$1" "no /$3/ in $2: $(head -c 600 "$2")"
	fi
}
# hasnt NAME FILE PATTERN
hasnt() {
	if grep -Eq -e "$3" "$2"; then
		not_ok "$1" "$(grep -E -e "$3" "$2" | head -3)"
	else
		ok "$1"
	fi
}
# clean NAME: the last run found no error of any kind (exit 0)
clean() {
	if [ "$rc" -eq 0 ] && ! grep -q 'error:' out; then
		ok "$1"
	else
		not_ok "$1" "exit $rc: $(head -c 600 out) $(head -c 300 err)"
	fi
}

board_body='/ {
	model = "board";
	compatible = "vendor,board";
	#address-cells = <1>;
	#size-cells = <1>;
	chosen { };
	memory@0 {
		device_type = "memory";
		reg = <0 0x1000>;
	};
};'

# --- kernel ---------------------------------------------------------------
w linux/include/dt-bindings/gpio/gpio.h <<'EOF'
#define GPIO_ACTIVE_LOW 1
EOF
mkdir -p linux/scripts/dtc/include-prefixes
ln -s ../../../include/dt-bindings linux/scripts/dtc/include-prefixes/dt-bindings
w linux/arch/arm64/boot/dts/vendor/soc.dtsi <<'EOF'
/ { soc { compatible = "simple-bus"; }; };
EOF
w linux/arch/arm64/boot/dts/vendor/board.dts <<EOF
/dts-v1/;
#include <dt-bindings/gpio/gpio.h>
#include <vendor/soc.dtsi>
$board_body
/ { led { gpios-flag = <GPIO_ACTIVE_LOW>; }; };
EOF
run check -v --no-cache --no-bindings linux/arch/arm64/boot/dts/vendor/board.dts
clean "kernel: the board's includes resolve"
has "kernel: -v names the profile" err 'board\.dts: profile kernel: kernel tree at .*/linux \(arch/arm64/boot/dts\)'
has "kernel: -v gives the include path" err 'board\.dts: include path: .*arch/arm64/boot/dts .*scripts/dtc/include-prefixes .*include \(the kernel'
has "kernel: no defines of its own" err 'board\.dts: defines: none beyond cpp'
[ "$(grep -c 'board\.dts: ' err)" -eq 3 ] && ok "kernel: -v prints three lines" ||
	not_ok "kernel: -v prints three lines" "$(cat err)"

# --- the split layout (devicetree-rebasing, BeagleBoard) ----------------------
w bb/include/dt-bindings/pinctrl/am33xx.h <<'EOF'
#define PIN_OUTPUT 0x8
EOF
w bb/src/arm/ti/omap/am335x.dtsi <<'EOF'
/ { ocp { compatible = "simple-bus"; }; };
EOF
w bb/src/arm/ti/omap/am335x-bone.dts <<EOF
/dts-v1/;
#include <dt-bindings/pinctrl/am33xx.h>
#include <ti/omap/am335x.dtsi>
$board_body
/ { pins { mux = <PIN_OUTPUT>; }; };
EOF
run check -v --no-cache --no-bindings bb/src/arm/ti/omap/am335x-bone.dts
clean "split layout: the board's includes resolve"
has "split layout: -v names it" err 'profile kernel: split devicetree layout at .*/bb \(src/, include/\)'
has "split layout: src/<arch>, src, include" err 'include path: bb/src/arm/ti/omap .*/bb/src/arm .*/bb/src .*/bb/include'

# --- U-Boot -------------------------------------------------------------------
mkdir -p ub/tools/binman
w ub/include/dt-bindings/clock/board-clk.h <<'EOF'
#define CLK_UART 3
EOF
w ub/dts/upstream/include/dt-bindings/gpio/gpio.h <<'EOF'
#define GPIO_ACTIVE_HIGH 0
EOF
# a C header of the SoC, as U-Boot has them: C only outside __ASSEMBLY__
w ub/arch/arm/include/asm/arch-foo/hw.h <<'EOF'
#ifndef __ASM_ARCH_HW_H
#define __ASM_ARCH_HW_H
#define FOO_UART_BASE 0x1000
#ifndef __ASSEMBLY__
struct foo_regs {
	unsigned int ctrl;
};
void foo_init(struct foo_regs *regs);
#endif
#endif
EOF
w ub/arch/arm/dts/board-u-boot.dtsi <<'EOF'
/ { u-boot-marker; };
EOF
w ub/arch/arm/dts/board.dts <<EOF
/dts-v1/;
#include <dt-bindings/clock/board-clk.h>
#include <dt-bindings/gpio/gpio.h>
#include <asm/arch-foo/hw.h>
#include "board-u-boot.dtsi"
$board_body
/ {
	serial@1000 {
		compatible = "vendor,uart";
		reg = <FOO_UART_BASE 0x100>;
		clocks = <CLK_UART>;
#if CONFIG_FOO_UART_FIFO
		fifo-size = <64>;
#endif
		clock-frequency = <CONFIG_SYS_NS16550_CLK>;
	};
};
EOF
w ub/dts/upstream/src/arm64/vendor/up-soc.dtsi <<'EOF'
/ { soc { compatible = "simple-bus"; }; };
EOF
w ub/dts/upstream/src/arm64/vendor/up-board.dts <<EOF
/dts-v1/;
#include <dt-bindings/gpio/gpio.h>
#include <vendor/up-soc.dtsi>
$board_body
/ { led { flag = <GPIO_ACTIVE_HIGH>; }; };
EOF
run check -v --no-cache --no-bindings --color=never ub/arch/arm/dts/board.dts
has "u-boot: -v names the profile" err 'board\.dts: profile u-boot: U-Boot tree at .*/ub \(tools/binman\)'
has "u-boot: include, arch/arm/include, the file's dir, arch/arm/dts, dts/upstream/include" err \
	'include path: .*/ub/include .*/ub/arch/arm/include ub/arch/arm/dts .*/ub/dts/upstream/include \(U-Boot'
has "u-boot: -D__ASSEMBLY__, and why" err 'board\.dts: defines: -D__ASSEMBLY__ \(U-Boot'
hasnt "u-boot: every include resolves" out '\[include\]'
hasnt "u-boot: the asm/arch header's C declarations are gone (no syntax error)" out 'error:'
has "u-boot: a CONFIG_ value is a note" out "board\.dts:[0-9]+:[0-9]+: note: 'CONFIG_SYS_NS16550_CLK' is a U-Boot configuration value.*\[preprocessor\]"
[ "$rc" -eq 0 ] && ok "u-boot: the board checks clean (exit 0)" || not_ok "u-boot: the board checks clean" "exit $rc: $(cat out)"
run tree ub/arch/arm/dts/board.dts
hasnt "u-boot: #if on an undefined CONFIG_ is false, as cpp has it" out 'fifo-size'
has "u-boot: tree uses the profile's include path too" out 'reg = <0x1000 0x100>'

run check --no-cache --no-bindings --color=never -U __ASSEMBLY__ ub/arch/arm/dts/board.dts
has "u-boot: -U __ASSEMBLY__ takes the profile's define back: C in the header" out \
	'asm/arch-foo/hw\.h:5:1: error: .*struct.*\[syntax\]'
run check --no-cache --no-bindings --color=never ub/arch/arm/include/asm/arch-foo/hw.h
clean "u-boot: the asm/arch header checked alone is read as cpp reads it: clean"
run check --no-cache --no-bindings --color=never -U __ASSEMBLY__ ub/arch/arm/include/asm/arch-foo/hw.h
has "u-boot: the header alone without __ASSEMBLY__: its C is what cpp leaves" out \
	'hw\.h:5:[0-9]+: error: .*\[syntax\]'
run check --no-cache --no-bindings --color=never --profile=kernel ub/arch/arm/dts/board.dts
has "u-boot tree read as the kernel's: U-Boot's dt-bindings are not found" out "cannot find include file 'dt-bindings/gpio/gpio.h'"

run check -v --no-cache --no-bindings --color=never ub/dts/upstream/src/arm64/vendor/up-board.dts
clean "u-boot upstream: the board's includes resolve"
has "u-boot upstream: detected as U-Boot's" err 'up-board\.dts: profile u-boot: .*its dts/upstream'
has "u-boot upstream: dts/upstream/src/arm64 on the path" err 'include path: .*/ub/dts/upstream/src/arm64 '

# --- Zephyr -----------------------------------------------------------------
w zb/zephyr/west.yml <<'EOF'
manifest: {}
EOF
w zb/zephyr/dts/common/mem.h <<'EOF'
#define DT_SIZE_K(x) ((x) * 1024)
EOF
w zb/zephyr/dts/arm/st/f4/stm32f4.dtsi <<'EOF'
#include <mem.h>
/ { soc { compatible = "simple-bus"; sram-size = <DT_SIZE_K(64)>; }; };
EOF
w zb/zephyr/include/zephyr/dt-bindings/gpio/gpio.h <<'EOF'
#define GPIO_ACTIVE_LOW 1
EOF
w zb/zephyr/boards/st/myboard/board.yml <<'EOF'
board: { name: myboard }
EOF
w zb/zephyr/boards/st/myboard/myboard.dts <<EOF
/dts-v1/;
#include <st/f4/stm32f4.dtsi>
#include <zephyr/dt-bindings/gpio/gpio.h>
#include <dt-bindings/gpio/gpio.h>
$board_body
/ { leds { compatible = "gpio-leds"; flag = <GPIO_ACTIVE_LOW>; }; };
EOF
run check -v --no-cache --no-bindings --color=never zb/zephyr/boards/st/myboard/myboard.dts
hasnt "zephyr: every include resolves (dts/<arch>, dts/common, include, include/zephyr)" out '\[include\]'
has "zephyr: -v names the profile" err 'myboard\.dts: profile zephyr: Zephyr tree at .*/zephyr/boards/st/myboard \(board\.yml\)'
has "zephyr: the DTS root's directories" err \
	'include path: .*/zephyr/include .*/zephyr/include/zephyr .*/zephyr/dts/common .*/zephyr/dts/arm .*/zephyr/dts \(Zephyr'

# an application outside Zephyr's tree, found through $ZEPHYR_BASE
w app/CMakeLists.txt <<'EOF'
find_package(Zephyr)
EOF
: >app/prj.conf
w app/dts/app-extra.dtsi <<'EOF'
/ { app-node { }; };
EOF
w app/boards/myboard.overlay <<'EOF'
#include <app-extra.dtsi>
#include <zephyr/dt-bindings/gpio/gpio.h>
/ { overlay-node { flag = <GPIO_ACTIVE_LOW>; }; };
EOF
ZEPHYR_BASE=$T/zb/zephyr "$DTIDY" check -v --no-cache --no-bindings --color=never app/boards/myboard.overlay >out 2>err
hasnt "zephyr application: its includes resolve" out '\[include\]'
has "zephyr application: the application and \$ZEPHYR_BASE are DTS roots" err \
	'include path: .*/app/dts .*/zephyr/include .*the application at .*/app, Zephyr at .*/zephyr'
"$DTIDY" check --no-cache --no-bindings --color=never app/boards/myboard.overlay >out 2>err
has "zephyr application without ZEPHYR_BASE: Zephyr's headers are not found" out "cannot find include file 'zephyr/dt-bindings/gpio/gpio.h'"

# --- ZMK in a west workspace (zmk/ and zephyr/ side by side) ------------------
mkdir -p ws
cp -R zb/zephyr ws/zephyr
w ws/zmk/app/include/dt-bindings/zmk/keys.h <<'EOF'
#define A 0x04
EOF
w ws/zmk/app/dts/behaviors.dtsi <<'EOF'
/ { behaviors { kp: kp { compatible = "zmk,behavior-key-press"; #binding-cells = <1>; }; }; };
EOF
w ws/zmk/app/boards/shields/myshield/myshield.keymap <<'EOF'
#include <behaviors.dtsi>
#include <dt-bindings/zmk/keys.h>
#include <dt-bindings/gpio/gpio.h>
/ {
	keymap {
		compatible = "zmk,keymap";
		default_layer { bindings = <&kp A>; flag = <GPIO_ACTIVE_LOW>; };
	};
};
EOF
run check -v --no-cache --no-bindings --color=never ws/zmk/app/boards/shields/myshield/myshield.keymap
hasnt "zmk: every include resolves (app/dts, app/include, Zephyr's include/zephyr)" out '\[include\]'
has "zmk: -v names the profile" err 'myshield\.keymap: profile zmk: ZMK application at .*/ws/zmk/app'
has "zmk: ZMK's app then Zephyr as DTS roots" err \
	"include path: .*/ws/zmk/app/include .*/ws/zmk/app/dts .*/ws/zephyr/include/zephyr .*ZMK's app at .*, Zephyr at .*/ws/zephyr"

# --- TF-A ---------------------------------------------------------------------
mkdir -p tfa/bl31
w tfa/include/dt-bindings/interrupt-controller/arm-gic.h <<'EOF'
#define GIC_SPI 0
EOF
w tfa/include/common/tbbr/tbbr_img_def.h <<'EOF'
#define BL31_IMAGE_ID 3
EOF
w tfa/fdts/fvp-base.dtsi <<'EOF'
#include <dt-bindings/interrupt-controller/arm-gic.h>
/ { intc { spi = <GIC_SPI>; }; };
EOF
w tfa/plat/arm/board/fvp/include/platform_def.h <<'EOF'
#define PLAT_FW_CONFIG_BASE 0x4000
EOF
w tfa/plat/arm/board/fvp/fdts/fvp_fw_config.dts <<EOF
/dts-v1/;
#include <common/tbbr/tbbr_img_def.h>
#include <platform_def.h>
#include <fvp-base.dtsi>
$board_body
/ { dtb-registry { tb_fw { load-address = <PLAT_FW_CONFIG_BASE>; id = <BL31_IMAGE_ID>; }; }; };
EOF
run check -v --no-cache --no-bindings --color=never tfa/plat/arm/board/fvp/fdts/fvp_fw_config.dts
hasnt "tf-a: every include resolves (plat include, fdts, include)" out '\[include\]'
has "tf-a: -v names the profile" err 'fvp_fw_config\.dts: profile tf-a: TF-A tree at .*/tfa \(fdts/, plat/\)'
has "tf-a: the plat include directory, fdts, include" err \
	'include path: tfa/plat/arm/board/fvp/fdts .*/tfa/plat/arm/board/fvp/include .*/tfa/fdts .*/tfa/include \(TF-A'
run check --no-cache --no-bindings --color=never --profile=kernel tfa/plat/arm/board/fvp/fdts/fvp_fw_config.dts
has "tf-a tree read as the kernel's: include/common/tbbr is not found" out "cannot find include file 'common/tbbr/tbbr_img_def.h'"

# --- the profile given, in the configuration --------------------------------
w cfg/.dtidy.yaml <<'EOF'
profile: u-boot
defines: [ BOARD_REV=2 ]
EOF
w cfg/board.dts <<EOF
/dts-v1/;
$board_body
EOF
run check -v --no-cache --no-bindings cfg/board.dts
has "configuration: profile: says where it came from" err "board\.dts: profile u-boot: 'profile:' in .*cfg/\.dtidy\.yaml"
has "configuration: its defines follow the profile's" err \
	'defines: -D__ASSEMBLY__ \(U-Boot.*\) -DBOARD_REV=2 \(defines: of .*\.dtidy\.yaml\)'
run check -v --no-cache --no-bindings -I cfg -D X=1 -U Y cfg/board.dts
has "-I: the include path says so" err 'include path: cfg \(-I\)'
has "-D/-U: listed last, as the command line's" err 'defines: .* -DX=1 -UY \(command line\)'

finish
