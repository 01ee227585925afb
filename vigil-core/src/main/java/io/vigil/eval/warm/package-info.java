/** How much warm start helps a new series in its first day. */
package io.vigil.eval.warm;
