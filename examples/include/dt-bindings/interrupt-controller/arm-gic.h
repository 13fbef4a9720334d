/* SPDX-License-Identifier: MIT */
/*
 * Cell values for the ARM Generic Interrupt Controller binding
 * (#interrupt-cells = <3>: type, number, flags).
 */
#ifndef _DT_BINDINGS_INTERRUPT_CONTROLLER_ARM_GIC_H
#define _DT_BINDINGS_INTERRUPT_CONTROLLER_ARM_GIC_H

/* First cell: interrupt type. */
#define GIC_SPI 0
#define GIC_PPI 1

/* Third cell, low byte: trigger type. */
#define IRQ_TYPE_NONE		0
#define IRQ_TYPE_EDGE_RISING	1
#define IRQ_TYPE_EDGE_FALLING	2
#define IRQ_TYPE_LEVEL_HIGH	4
#define IRQ_TYPE_LEVEL_LOW	8

/* Third cell, bits 8-15 (GICv2 PPIs only): the CPUs the PPI is wired to. */
#define GIC_CPU_MASK_RAW(x)	((x) << 8)
#define GIC_CPU_MASK_SIMPLE(num) GIC_CPU_MASK_RAW((1 << (num)) - 1)

#endif
