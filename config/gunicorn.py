"""gunicorn settings, from the environment: `gunicorn -c config/gunicorn.py config.wsgi`.

Threaded workers (gthread): requests mostly wait on the two databases, so threads overlap that waiting
while each process keeps its memory. Defaults fit 2 cores: 2 workers x 4 threads = 8 requests at a time,
and up to 8 connections to each database per container (persistent, CONN_MAX_AGE). See docs/deployment.md.
"""

import multiprocessing

from config.env import env_int, env_str

bind = env_str("GUNICORN_BIND", "0.0.0.0:8000")
worker_class = "gthread"
workers = env_int("GUNICORN_WORKERS", min(multiprocessing.cpu_count(), 2) or 1)
threads = env_int("GUNICORN_THREADS", 4)
# Longer than DATABASE_STATEMENT_TIMEOUT_MS, so a slow query ends as a 503, not a killed worker.
timeout = env_int("GUNICORN_TIMEOUT", 60)
graceful_timeout = env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Above the gateway's upstream keepalive_timeout, so gunicorn never closes a connection nginx reuses.
keepalive = env_int("GUNICORN_KEEPALIVE", 75)
# Recycle workers now and then (memory growth), staggered so they do not restart together.
max_requests = env_int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = max_requests // 10
# Heartbeat files in memory: containers often have a slow or overlay /tmp.
worker_tmp_dir = env_str("GUNICORN_WORKER_TMP_DIR", "/dev/shm")
# The JSON request log (ops.requestlog) replaces gunicorn's access log; errors go to stderr.
accesslog = None
errorlog = "-"
loglevel = env_str("LOG_LEVEL", "info").lower()
# Proxies trusted for X-Forwarded-Proto/For (gunicorn then sets the request scheme from them). In compose
# only the gateway can reach the api container, so "*" is safe there; elsewhere list the gateway IPs.
forwarded_allow_ips = env_str("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
