/* What the preprocessor makes is judged after expansion: a macro's
 * arguments are preprocessing tokens, not dtc literals, and a macro may
 * stand wherever the grammar has a name (label, node or property name,
 * unit address, reference), as it may for a value. */
#include <criterion/criterion.h>
#include <stdlib.h>

#include "dt_testutil.h"

/* Linux aspeed-bmc-delta-ahe50dc.dts: EFUSE_OUTPUT(08) pastes "efuse08" */
Test(parser_macro_names, macro_argument_is_a_pp_number)
{
	EXPECT_ERRORS("/dts-v1/; / { EFUSE_OUTPUT(08); EFUSE(17, 08); };", "");
	EXPECT_ERRORS("/dts-v1/; / { p = <FOO(09)>; q = FOO(0x); };", "");
	/* where dtc reads it, it is still a bad literal */
	EXPECT_ERRORS("/dts-v1/; / { p = <08>; };", "1:20: bad integer literal '08'");
}
