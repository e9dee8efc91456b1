-- Runs once, on an empty data volume. Only the application's own database: Temporal's `temporal` and
-- `temporal_visibility` are created (and their schemas kept current) by the temporal-schema job in
-- docker-compose.yml, whose `temporal-sql-tool create-database` treats an existing database as done.
CREATE DATABASE deadline_keeper;
