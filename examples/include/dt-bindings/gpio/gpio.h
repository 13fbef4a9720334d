/* SPDX-License-Identifier: MIT */
/* Flags cell of a GPIO specifier (#gpio-cells = <2>: line, flags). */
#ifndef _DT_BINDINGS_GPIO_GPIO_H
#define _DT_BINDINGS_GPIO_GPIO_H

#define GPIO_ACTIVE_HIGH	0
#define GPIO_ACTIVE_LOW		1

#define GPIO_PUSH_PULL		0
#define GPIO_SINGLE_ENDED	2
#define GPIO_OPEN_DRAIN		(GPIO_SINGLE_ENDED | 4)

#endif
