-- One database per service (CONVENTIONS.md "Databases"). Run by the postgres image on its first start, i.e. when
-- the data volume is empty. bin/heartline creates the same databases through LocalServers create-databases.
CREATE DATABASE heartline_screening;
CREATE DATABASE heartline_referral;
CREATE DATABASE heartline_crisis;
CREATE DATABASE heartline_training;
