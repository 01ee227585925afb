/** Who may call Vigil: API tokens with roles. */
package io.vigil.server.security;
