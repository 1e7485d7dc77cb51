"""Daily migstat pipeline run on Airflow.

One task: spark-submit of the migstat application jar with the same entry point as `bin/migstat`
(main class org.migstat.cli.Main, command `run`). The as-of date is the run's logical date `{{ ds }}`.

Requirements: apache-airflow-providers-apache-spark, and an Airflow connection `spark_default` that
points at the cluster (or `local[*]`). See src/deploy/README.md.
"""
from __future__ import annotations

import os

import pendulum
from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

# Where the deployment puts things; override through the worker's environment.
MIGSTAT_JAR = os.environ.get("MIGSTAT_JAR", "/opt/migstat/migstat.jar")
MIGSTAT_INPUT = os.environ.get("MIGSTAT_INPUT", "s3a://migstat-landing/extracts")
MIGSTAT_LAKEHOUSE = os.environ.get("MIGSTAT_LAKEHOUSE", "s3a://migstat-lakehouse/main")

with DAG(
    dag_id="migstat_daily",
    description="Ingest new registry extracts into the migstat lakehouse and rebuild the indicators.",
    schedule="0 2 * * *",
    start_date=pendulum.datetime(2024, 1, 1, tz="Asia/Phnom_Penh"),
    # Airflow runs every missed day in order after downtime; one at a time, like `migstat schedule`.
    catchup=True,
    max_active_runs=1,
    default_args={
        "owner": "migstat",
        "retries": 3,
        "retry_delay": pendulum.duration(minutes=1),
        "retry_exponential_backoff": True,
        "max_retry_delay": pendulum.duration(hours=1),
    },
    tags=["migstat"],
) as dag:
    SparkSubmitOperator(
        task_id="migstat_run",
        conn_id="spark_default",
        application=MIGSTAT_JAR,
        java_class="org.migstat.cli.Main",
        name="migstat-run-{{ ds_nodash }}",
        application_args=[
            "run",
            "--as-of", "{{ ds }}",
            "--input", MIGSTAT_INPUT,
            "--lakehouse", MIGSTAT_LAKEHOUSE,
        ],
        conf={
            "spark.sql.session.timeZone": "UTC",
        },
        # The lakehouse lock makes a second concurrent run fail fast with a clear message; never run two.
        max_active_tis_per_dag=1,
    )
