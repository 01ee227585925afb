/**
 * How the service keeps its data in SQL: one class per concept's store over one shared
 * connection ({@code SqlStore} holds it, its lock and its one transaction helper), schemas by
 * Flyway migrations. Only {@link io.vigil.server.store.sql.SqlStores} is public: the rest of
 * the service sees the store interfaces of the packages that own each concept.
 */
package io.vigil.server.store.sql;
