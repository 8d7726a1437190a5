-- The warehouse lives beside the Airflow metadata DB on the same server.
CREATE USER selfeval WITH PASSWORD 'airflow';
CREATE DATABASE selfeval OWNER selfeval;
