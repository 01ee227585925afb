/** A streaming detector run on a derived series (differences, rates, rolling statistics). */
package io.vigil.detect.transform;
