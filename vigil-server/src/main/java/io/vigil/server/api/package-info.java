/** The HTTP API: JSON in and out, errors as JSON that name the problem. */
package io.vigil.server.api;
