/** Amazon's Random Cut Forest as a Vigil streaming detector. */
package io.vigil.detect.rcf;
