"""Pipeline stages with the same code for Airflow tasks and the CLI: crawl, download, process."""
