/** File handling shared by every part of Vigil that writes results users keep. */
package io.vigil.io;
