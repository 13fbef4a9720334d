/* Interrupt specifiers of the ACME interrupt controller (LSP tests). */
#ifndef _DT_BINDINGS_ACME_IRQ_H
#define _DT_BINDINGS_ACME_IRQ_H

#define ACME_IRQ_LEVEL_HIGH	4
#define ACME_SPI		0
#define ACME_IRQ(n)		ACME_SPI (n) ACME_IRQ_LEVEL_HIGH

#endif
