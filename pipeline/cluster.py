"""`make run-cluster`: Relais on Airflow's CeleryExecutor, PostgreSQL and Redis, on one machine.

The shape a deployment over several machines has, started on this one: PostgreSQL holds Relais's
store and Airflow's metadata (two databases, created if missing), Redis is Celery's broker and
result backend, and Airflow's scheduler, DAG processor, API server and triggerer run beside two
Celery workers with distinct hostnames, each with a `var/` of its own as if on its own machine.
`relais serve` answers with several workers. The demo site and sources are those of `make run`.

Everything is configured by `AIRFLOW__…` environment variables built here
(`airflow_environment`), never by editing airflow.cfg, whose defaults keep `make run` on SQLite
and the LocalExecutor. The cluster tests (tests/cluster/) start their cluster with the same
functions.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from store.db import project_root, var_dir

POSTGRES_ADMIN_URL_VARIABLE = "RELAIS_CLUSTER_POSTGRES_URL"
REDIS_URL_VARIABLE = "RELAIS_CLUSTER_REDIS_URL"
DEFAULT_POSTGRES_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
# The Celery queue the crawl tasks go to (`RELAIS_CRAWL_QUEUE`, read by dags/collect_offers.py);
# the other tasks stay on Airflow's default queue, "default".
CRAWL_QUEUE = "crawls"
ALL_QUEUES = f"default,{CRAWL_QUEUE}"


@dataclass(frozen=True)
class ClusterSettings:
    """Where one cluster keeps its state.

    `postgres_admin_url` is a SQLAlchemy URL of a database the user may `CREATE DATABASE` from;
    `relais_database` and `airflow_database` are created beside it. `redis_url` names the Redis
    database (`redis://host:port/N`) Celery uses as broker and result backend: clusters sharing
    one Redis use different N. `api_port` is the Airflow API server's port on 127.0.0.1 (UI and
    the Execution API the workers report to). `state_dir` holds Airflow's logs and each worker's
    own `var/`.
    """

    postgres_admin_url: str = DEFAULT_POSTGRES_ADMIN_URL
    relais_database: str = "relais"
    airflow_database: str = "relais_airflow"
    redis_url: str = DEFAULT_REDIS_URL
    api_port: int = 8080
    state_dir: Path = field(default_factory=lambda: var_dir() / "cluster")

    def database_url(self, name: str) -> str:
        """The SQLAlchemy URL (psycopg 3 driver) of database `name` on the admin URL's server."""
        url = make_url(self.postgres_admin_url).set(drivername="postgresql+psycopg", database=name)
        return url.render_as_string(hide_password=False)

    @property
    def relais_url(self) -> str:
        return self.database_url(self.relais_database)

    @property
    def airflow_url(self) -> str:
        return self.database_url(self.airflow_database)


def ensure_database(admin_url: str, name: str) -> bool:
    """Create PostgreSQL database `name` unless it exists; True when it was created.

    Raises sqlalchemy.exc.OperationalError when the server cannot be reached.
    """
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            exists = connection.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
            ).scalar()
            if exists:
                return False
            quoted = name.replace('"', '""')
            connection.execute(text(f'CREATE DATABASE "{quoted}"'))
            return True
    finally:
        engine.dispose()


def check_redis(redis_url: str) -> None:
    """Raise ConnectionError, saying where, when Redis does not answer PING at `redis_url`."""
    import redis

    try:
        redis.Redis.from_url(redis_url, socket_connect_timeout=5).ping()
    except redis.RedisError as error:
        raise ConnectionError(f"Redis ne répond pas à {redis_url} : {error}") from error


def cluster_secrets(state_dir: Path) -> dict[str, str]:
    """The secrets every Airflow component of one cluster shares, kept in `state_dir`.

    The API server signs the tokens the workers present to the Execution API with the JWT
    secret, so all components must agree on it (in production: one Kubernetes secret).
    """
    state_dir.mkdir(parents=True, exist_ok=True)
    path = state_dir / "secrets.env"
    if not path.exists():
        path.write_text(
            f"AIRFLOW__API__SECRET_KEY={secrets.token_urlsafe(32)}\n"
            f"AIRFLOW__API_AUTH__JWT_SECRET={secrets.token_urlsafe(64)}\n"
        )
        path.chmod(0o600)
    values: dict[str, str] = {}
    for line in path.read_text().splitlines():
        key, _, value = line.partition("=")
        if key:
            values[key] = value
    return values


def airflow_environment(settings: ClusterSettings, base: dict[str, str]) -> dict[str, str]:
    """`base` plus what turns the project's airflow.cfg into a CeleryExecutor cluster.

    Only `AIRFLOW__…` and `RELAIS_…` variables: airflow.cfg itself is left as `make run` needs it.
    """
    env = dict(base)
    env.update(cluster_secrets(settings.state_dir))
    airflow_url = settings.airflow_url
    env.update(
        {
            "AIRFLOW_HOME": str(project_root()),
            "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor",
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": airflow_url,
            # psycopg 3 serves the async engine too (Airflow would otherwise want asyncpg).
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_ASYNC": airflow_url,
            "AIRFLOW__CELERY__BROKER_URL": settings.redis_url,
            "AIRFLOW__CELERY__RESULT_BACKEND": settings.redis_url,
            # One task at a time per worker process slot, none held in advance: a task queued
            # while a worker is busy goes to the idle one.
            "AIRFLOW__CELERY__WORKER_PREFETCH_MULTIPLIER": "1",
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": (
                f"http://127.0.0.1:{settings.api_port}/execution/"
            ),
            # Workers report to the API server; on a busy machine its answers can take seconds.
            "AIRFLOW__WORKERS__EXECUTION_API_TIMEOUT": "60",
            "AIRFLOW__API__PORT": str(settings.api_port),
            "AIRFLOW__API__BASE_URL": f"http://127.0.0.1:{settings.api_port}",
            "AIRFLOW__LOGGING__BASE_LOG_FOLDER": str(settings.state_dir / "airflow-logs"),
            "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE": str(
                settings.state_dir / "passwords.json"
            ),
            "RELAIS_DATABASE_URL": settings.relais_url,
            "RELAIS_VAR_DIR": str(settings.state_dir / "shared-var"),
            # Crawls on a queue of their own, so that crawl workers can be sized apart.
            "RELAIS_CRAWL_QUEUE": CRAWL_QUEUE,
        }
    )
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return env


WORKER_HOSTNAME_VARIABLE = "RELAIS_WORKER_HOSTNAME"


def worker_hostname() -> str:
    """The name a task instance records as its host (Airflow's `[core] hostname_callable`).

    `RELAIS_WORKER_HOSTNAME` when set (several workers on one machine, as `make run-cluster`
    starts them), else the machine's fully qualified name, Airflow's own default.
    """
    return os.environ.get(WORKER_HOSTNAME_VARIABLE) or socket.getfqdn()


def worker_environment(
    settings: ClusterSettings, env: dict[str, str], hostname: str, log_port: int
) -> dict[str, str]:
    """The environment of one Celery worker: its own `var/` (as on its own machine) and log port."""
    worker = dict(env)
    worker["RELAIS_VAR_DIR"] = str(settings.state_dir / "workers" / hostname / "var")
    worker["AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT"] = str(log_port)
    worker[WORKER_HOSTNAME_VARIABLE] = hostname
    worker["AIRFLOW__CORE__HOSTNAME_CALLABLE"] = "pipeline.cluster.worker_hostname"
    return worker


def worker_command(hostname: str, concurrency: int, queues: str = ALL_QUEUES) -> list[str]:
    """`airflow celery worker` under a hostname of its own (task instances record it), taking
    tasks from `queues` (comma-separated Celery queue names; by default crawls and the rest)."""
    return [
        _tool("airflow"),
        "celery",
        "worker",
        "--celery-hostname",
        hostname,
        "--concurrency",
        str(concurrency),
        "--queues",
        queues,
    ]


def _tool(name: str) -> str:
    return shutil.which(name, path=str(Path(sys.executable).parent)) or name


def prepare(settings: ClusterSettings, env: dict[str, str]) -> None:
    """Create both databases if missing, migrate Relais's store and Airflow's metadata.

    Raises ConnectionError when Redis is down, sqlalchemy errors when PostgreSQL is, and
    RuntimeError with Airflow's output when its migration fails.
    """
    from store import migrate

    check_redis(settings.redis_url)
    ensure_database(settings.postgres_admin_url, settings.relais_database)
    ensure_database(settings.postgres_admin_url, settings.airflow_database)
    migrate.upgrade(settings.relais_url)
    done = subprocess.run(
        [_tool("airflow"), "db", "migrate"], env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise RuntimeError(f"airflow db migrate a échoué :\n{done.stderr[-3000:]}")


class Processes:
    """Children started in sessions of their own, each logging to a file; stopped together."""

    def __init__(self, log_dir: Path) -> None:
        self.log_dir = log_dir
        self.children: dict[str, subprocess.Popen[bytes]] = {}
        log_dir.mkdir(parents=True, exist_ok=True)

    def start(self, name: str, command: list[str], env: dict[str, str]) -> None:
        log = open(self.log_dir / f"{name}.log", "ab")  # noqa: SIM115 - lives with the child
        self.children[name] = subprocess.Popen(
            command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        """Send `sig` to the child's whole process group (a worker and the tasks it runs)."""
        try:
            os.killpg(self.children[name].pid, sig)
        except ProcessLookupError:
            pass

    def stop(self) -> None:
        for name in self.children:
            self.kill(name, signal.SIGTERM)
        for name, child in self.children.items():
            try:
                child.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill(name)
                child.wait(timeout=10)


def start_control_plane(processes: Processes, env: dict[str, str]) -> None:
    """Airflow's scheduler, DAG processor, API server and triggerer."""
    airflow = _tool("airflow")
    processes.start("api-server", [airflow, "api-server"], env)
    processes.start("scheduler", [airflow, "scheduler"], env)
    processes.start("dag-processor", [airflow, "dag-processor"], env)
    processes.start("triggerer", [airflow, "triggerer"], env)


WORKERS = ("relais-worker-1", "relais-worker-2")
# Each worker serves its task logs to the API server on a port of its own (8794 is the
# triggerer's).
WORKER_LOG_PORTS = (8793, 8795)
WEB_WORKERS = 4


def main() -> None:
    from pipeline import demo

    settings = ClusterSettings(
        postgres_admin_url=os.environ.get(POSTGRES_ADMIN_URL_VARIABLE, DEFAULT_POSTGRES_ADMIN_URL),
        redis_url=os.environ.get(REDIS_URL_VARIABLE, DEFAULT_REDIS_URL),
        api_port=demo.AIRFLOW_PORT,
    )
    for port in (demo.DEMO_PORT, demo.WEB_PORT, demo.AIRFLOW_PORT, 5555, 8793, 8794, 8795):
        if not demo._port_free(port):
            sys.exit(f"le port {port} de 127.0.0.1 est déjà pris : libérez-le, puis recommencez")
    env = airflow_environment(settings, dict(os.environ))
    print(f"PostgreSQL : bases {settings.relais_database} (Relais) et {settings.airflow_database}")
    print(f"Redis : {settings.redis_url} (broker et résultats Celery)")
    try:
        prepare(settings, env)
    except Exception as error:  # noqa: BLE001 - any failure here stops the start, said plainly
        sys.exit(f"Impossible de préparer le cluster : {error}")

    site = demo.DemoSite(demo.DEMO_PORT).start()
    env["RELAIS_ALLOWED_HOSTS"] = site.host
    os.environ.update(
        {
            "RELAIS_DATABASE_URL": settings.relais_url,
            "RELAIS_ALLOWED_HOSTS": site.host,
        }
    )
    print(f"Site de démonstration : http://{site.host}/")
    demo.register_demo_sources(site.host)
    demo.create_demo_threads()

    processes = Processes(settings.state_dir / "logs")

    def stop(*_: object) -> None:
        print("\nArrêt d'Airflow, des workers, des pages et du site de démonstration…")
        processes.stop()
        site.server.shutdown()
        sys.exit(0)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)

    start_control_plane(processes, env)
    for number, hostname in enumerate(WORKERS):
        processes.start(
            hostname,
            worker_command(hostname, concurrency=2),
            worker_environment(settings, env, hostname, WORKER_LOG_PORTS[number]),
        )
    processes.start("flower", [_tool("airflow"), "celery", "flower"], env)
    processes.start(
        "web",
        [
            _tool("relais"),
            "serve",
            "--port",
            str(demo.WEB_PORT),
            "--workers",
            str(WEB_WORKERS),
        ],
        env,
    )
    logs = settings.state_dir / "logs"
    if not demo._wait_for(f"http://127.0.0.1:{settings.api_port}/api/v2/monitor/health", 240):
        print(f"Airflow n'a pas démarré en 4 minutes : voir {logs}/api-server.log")
        stop()
    airflow = _tool("airflow")
    for _ in range(60):
        listed = subprocess.run(
            [airflow, "dags", "list", "--output", "json"], env=env, capture_output=True, text=True
        )
        if "collect_offers" in listed.stdout:
            break
        time.sleep(2)
    subprocess.run([airflow, "dags", "unpause", "collect_offers"], env=env, capture_output=True)
    subprocess.run([airflow, "dags", "trigger", "collect_offers"], env=env, capture_output=True)
    print("collect_offers est lancé ; attente des premières offres…")
    deadline = time.monotonic() + 300
    while not demo._collected() and time.monotonic() < deadline:
        time.sleep(3)
    passwords = settings.state_dir / "passwords.json"
    password = "?"
    if passwords.exists():
        import json

        password = json.loads(passwords.read_text()).get("admin", "?")
    print(
        f"""
  {demo._offers()} offres collectées (un élément de démonstration est en quarantaine, exprès).

  Pages de la communauté  http://127.0.0.1:{demo.WEB_PORT}/   ({WEB_WORKERS} workers uvicorn)
  API façon France Travail http://127.0.0.1:{demo.WEB_PORT}/docs
  Airflow                 http://127.0.0.1:{settings.api_port}/   (admin, mot de passe {password})
                          Onglet des tâches de collect_offers : colonne « Hostname » = worker.
  Flower (Celery)         http://127.0.0.1:5555/
  Workers Celery          {", ".join(WORKERS)}
                          (chacun son var/, sous {settings.state_dir}/workers)
                          files « {CRAWL_QUEUE} » (tâches crawl) et « default » (les autres tâches)
  Bases PostgreSQL        {settings.relais_url}
                          {settings.airflow_url}
  Broker Redis            {settings.redis_url}
  Journaux                {logs}/

  Ctrl-C arrête tout."""
    )
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    main()
