/** Rarity: how unusual a value is for its series, by hour of day, from a fading histogram. */
package io.vigil.detect.rarity;
