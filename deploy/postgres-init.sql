-- The application's own database, beside the ones Temporal's auto-setup creates for itself.
CREATE DATABASE deadline_keeper;
